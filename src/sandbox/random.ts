/**
 * The sandbox's own deterministic randomness (mulberry32). Each concern draws from its own named stream,
 * so adding orders never changes the products and the same seed always builds the same shop.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `count` decimal digits; the first is never 0. */
  digits(count: number): string;
  shuffle<T>(items: readonly T[]): T[];
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function randomStream(seed: number, name: string): Random {
  let state = fnv1a(`${seed}:${name}`);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
    digits: (count) => {
      let out = String(int(1, 9));
      while (out.length < count) out += String(int(0, 9));
      return out;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

/** Hands out unique digit-string ids ("57" + 16 digits for orders, …) from a random stream. */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  next(prefix: string, length: number): string {
    for (;;) {
      const id = prefix + this.random.digits(length - prefix.length + 1).slice(1);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}
