/**
 * A list of setup records (accounts, customers, stock groups, items, locations) with Edit and Delete per
 * row and one form for adding or editing. The ledger validates; its message is shown beside the form.
 */
import { useState, type ReactNode } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
} from "@fluentui/react-components";

export interface FieldSpec<T> {
  key: keyof T & string;
  label: string;
  kind: "text" | "select" | "checkbox";
  options?: { value: string; label: string }[];
  /** The key field: fixed once the record exists (add a new record to change a code). */
  isKey?: boolean;
  optional?: boolean;
}

/** What the list shows of a record: the first is its code, the second its name, the rest details. */
export interface ColumnSpec<T> {
  label: string;
  value(record: T): string;
}

export interface RecordEditorProps<T> {
  /** "GL account", "customer", …: used in labels and messages. */
  noun: string;
  records: T[];
  columns: ColumnSpec<T>[];
  fields: FieldSpec<T>[];
  blank: T;
  codeOf(record: T): string;
  onSave(record: T, isNew: boolean): Promise<void>;
  onDelete(code: string): Promise<void>;
  /** Extra content under the form while a record is edited (e.g. alternative codes). */
  editing?(record: T): ReactNode;
}

type Notice = { intent: "success" | "error"; text: string };

export function RecordEditor<T extends object>(props: RecordEditorProps<T>) {
  const [draft, setDraft] = useState<T | null>(null);
  const [isNew, setIsNew] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const { noun } = props;

  const run = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
      setNotice({ intent: "success", text: done });
      return true;
    } catch (error) {
      setNotice({ intent: "error", text: error instanceof Error ? error.message : String(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!draft) return;
    const code = props.codeOf(draft);
    if (await run(() => props.onSave(draft, isNew), `Saved ${noun} ${code.trim()}.`)) setDraft(null);
  };

  const remove = (code: string) => void run(() => props.onDelete(code), `Deleted ${noun} ${code}.`);

  const set = (key: string, value: unknown) => setDraft((d) => (d ? ({ ...d, [key]: value } as T) : d));

  return (
    <div className="record-editor">
      <ul className="record-list" aria-label={`${noun}s`}>
        {props.records.map((record) => {
          const code = props.codeOf(record);
          const [first, second, ...rest] = props.columns;
          const details = rest
            .map((c) => (c.value(record) ? `${c.label}: ${c.value(record)}` : ""))
            .filter(Boolean)
            .join(" · ");
          return (
            <li key={code}>
              <span className="record-title">
                <span className="record-code">{first.value(record)}</span> {second?.value(record)}
              </span>
              {details && <span className="record-detail">{details}</span>}
              <span className="record-actions">
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={`Edit ${noun} ${code}`}
                  onClick={() => {
                    setDraft({ ...record });
                    setIsNew(false);
                    setNotice(null);
                  }}
                >
                  Edit
                </Button>
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={`Delete ${noun} ${code}`}
                  disabled={busy}
                  onClick={() => remove(code)}
                >
                  Delete
                </Button>
              </span>
            </li>
          );
        })}
      </ul>
      {draft ? (
        <form
          className="form"
          aria-label={isNew ? `New ${noun}` : `Edit ${noun} ${props.codeOf(draft)}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {props.fields.map((f) => {
            const value = (draft as Record<string, unknown>)[f.key];
            if (f.kind === "checkbox")
              return (
                <Checkbox
                  key={f.key}
                  label={f.label}
                  checked={!!value}
                  onChange={(_, d) => set(f.key, !!d.checked)}
                />
              );
            return (
              <Field key={f.key} label={f.label} required={!f.optional}>
                {f.kind === "select" ? (
                  <Select value={String(value ?? "")} onChange={(_, d) => set(f.key, d.value || undefined)}>
                    {f.optional && <option value="">(none)</option>}
                    {!f.optional && !value && <option value="">Pick one…</option>}
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    value={String(value ?? "")}
                    readOnly={f.isKey && !isNew}
                    onChange={(_, d) => set(f.key, d.value)}
                  />
                )}
              </Field>
            );
          })}
          {!isNew && props.editing?.(draft)}
          <div className="buttons">
            <Button appearance="primary" type="submit" disabled={busy}>
              Save
            </Button>
            <Button onClick={() => setDraft(null)}>Cancel</Button>
          </div>
        </form>
      ) : (
        <div className="buttons">
          <Button
            onClick={() => {
              setDraft({ ...props.blank });
              setIsNew(true);
              setNotice(null);
            }}
          >
            Add {noun}
          </Button>
        </div>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
