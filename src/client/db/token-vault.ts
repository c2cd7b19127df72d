// The session tokens this page has opened, in memory only (issue #16 §3): on disk a token exists
// only sealed with its person's PIN (token-seal.ts, account-store.ts). A right PIN puts the token here,
// a fresh password login puts it here before a PIN is set, and logout, a PIN lock-out or a
// revoked phone take it out. Locking the screen keeps it (the phone syncs in a pocket); a reload
// starts empty, so each person's PIN is needed again before their work can be sent.
//
// One vault per database handle: the app's handle has the app's vault, and every test that
// opens its own database gets its own, so the account store and the sync engine built on the
// same handle share their tokens without being wired together.

export interface TokenVault {
  get(userId: string): string | undefined;
  has(userId: string): boolean;
  put(userId: string, token: string): void;
  drop(userId: string): void;
  /** The people whose token is open, as a value that changes identity on every change. */
  snapshot(): ReadonlyMap<string, string>;
  subscribe(listener: () => void): () => void;
}

const vaults = new WeakMap<object, TokenVault>();

export function tokenVault(db: object): TokenVault {
  let vault = vaults.get(db);
  if (!vault) {
    vault = createTokenVault();
    vaults.set(db, vault);
  }
  return vault;
}

function createTokenVault(): TokenVault {
  let tokens: ReadonlyMap<string, string> = new Map();
  const listeners = new Set<() => void>();
  const change = (next: Map<string, string>) => {
    tokens = next;
    for (const listener of listeners) listener();
  };
  return {
    get: (userId) => tokens.get(userId),
    has: (userId) => tokens.has(userId),
    put(userId, token) {
      if (tokens.get(userId) === token) return;
      change(new Map(tokens).set(userId, token));
    },
    drop(userId) {
      if (!tokens.has(userId)) return;
      const next = new Map(tokens);
      next.delete(userId);
      change(next);
    },
    snapshot: () => tokens,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
