import { PanelDatabase } from './app-db.ts';

const open = new Map<string, PanelDatabase>();

/**
 * One database per signed-in user: a teammate signing in on the same computer, or a user of
 * another tenant whose ATS uses the same candidate ids, never sees someone else's cache.
 */
export function panelDatabaseFor(userId: string): PanelDatabase {
  let db = open.get(userId);
  if (!db) {
    db = new PanelDatabase(`parley-panel-${userId}`);
    open.set(userId, db);
  }
  return db;
}

/** Signing out forgets that user's cached messages, drafts and unsent messages on this computer. */
export async function deletePanelDatabase(userId: string): Promise<void> {
  const db = panelDatabaseFor(userId);
  open.delete(userId);
  await db.delete();
}
