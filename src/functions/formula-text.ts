/**
 * The preview's formula bar: `=TIKTOK.ORDERSTATUS("5799…")` read into a function name and its
 * arguments, as Excel would pass them (text, numbers, TRUE/FALSE, or empty).
 */
export type FormulaArgument = string | number | boolean | null;

export type ParsedFormula =
  { ok: true; name: string; args: FormulaArgument[] } | { ok: false; message: string };

const CALL = /^=?\s*(?:TIKTOK\s*\.\s*)?([A-Za-z]+)\s*\(([\s\S]*)\)\s*$/i;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(E[+-]?\d+)?$/i;

function splitArguments(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '""';
        i++;
        continue;
      }
      quoted = !quoted;
      current += ch;
    } else if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted) return undefined;
  parts.push(current);
  return parts;
}

function readArgument(raw: string): FormulaArgument | undefined {
  const text = raw.trim();
  if (text === "") return null;
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"'))
    return text.slice(1, -1).replace(/""/g, '"');
  if (NUMBER.test(text)) return Number(text);
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
  return undefined;
}

export function parseFormula(formula: string, known: string[]): ParsedFormula {
  const call = CALL.exec(formula.trim());
  if (!call) return { ok: false, message: 'Write a call such as =TIKTOK.ORDERSTATUS("579912345678901234").' };
  const name = call[1].toUpperCase();
  if (!known.includes(name))
    return { ok: false, message: `TIKTOK.${name} is not a ShopBooks function. Try ${known.join(", ")}.` };
  const parts = call[2].trim() === "" ? [] : splitArguments(call[2]);
  if (!parts) return { ok: false, message: "A text argument is missing its closing double quote." };
  const args: FormulaArgument[] = [];
  for (const part of parts) {
    const value = readArgument(part);
    if (value === undefined)
      return {
        ok: false,
        message: `${part.trim()} is not a value here: put text in double quotes, e.g. "IV-00001".`,
      };
    args.push(value);
  }
  return { ok: true, name, args };
}
