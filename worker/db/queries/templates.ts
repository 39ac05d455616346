import type { Channel } from '../../../shared/api/channels.ts';
import type { TemplatePurpose } from '../../../shared/api/templates.ts';

export type TemplateRow = {
  id: string;
  tenant_id: string;
  name: string;
  language: string;
  sms: 0 | 1;
  whatsapp: 0 | 1;
  body: string;
  /** JSON of `WhatsappApproval`, or null. */
  whatsapp_approval: string | null;
  purpose: TemplatePurpose | null;
  created_at: string;
  updated_at: string;
};

export type TemplateFields = {
  name: string;
  language: string;
  channels: readonly Channel[];
  body: string;
  whatsappApproval: string | null;
  purpose: TemplatePurpose | null;
};

/** The most a list answers; a tenant with more searches instead of scrolling. */
const LIST_LIMIT = 200;

export type TemplateFilter = { q?: string | undefined; channel?: Channel | undefined; language?: string | undefined };

export async function listTemplates(db: D1Database, tenantId: string, filter: TemplateFilter): Promise<TemplateRow[]> {
  const where = ['tenant_id = ?'];
  const params: string[] = [tenantId];
  if (filter.language) {
    where.push('language = ?');
    params.push(filter.language);
  }
  // A column name from the closed Channel enum, never from input text.
  if (filter.channel) where.push(`${filter.channel} = 1`);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(name LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern);
  }
  const { results } = await db
    .prepare(`SELECT * FROM templates WHERE ${where.join(' AND ')} ORDER BY language, name COLLATE NOCASE LIMIT ${LIST_LIMIT}`)
    .bind(...params)
    .all<TemplateRow>();
  return results;
}

export function findTemplate(db: D1Database, tenantId: string, templateId: string) {
  return db.prepare(`SELECT * FROM templates WHERE id = ? AND tenant_id = ?`).bind(templateId, tenantId).first<TemplateRow>();
}

export function findTemplateByPurpose(db: D1Database, tenantId: string, purpose: TemplatePurpose, language: string) {
  return db.prepare(`SELECT * FROM templates WHERE tenant_id = ? AND purpose = ? AND language = ?`).bind(tenantId, purpose, language).first<TemplateRow>();
}

const INSERT_SQL = `INSERT INTO templates (id, tenant_id, name, language, sms, whatsapp, body, whatsapp_approval, purpose, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** For seeds and provisioning: an existing default (same purpose and language) is left as the admin edited it. */
export function insertTemplateSql(tenantId: string, id: string, t: TemplateFields, now: string) {
  return {
    sql: `${INSERT_SQL} ON CONFLICT DO NOTHING`,
    params: [id, tenantId, t.name, t.language, flag(t.channels, 'sms'), flag(t.channels, 'whatsapp'), t.body, t.whatsappApproval, t.purpose, now, now],
  };
}

export function insertTemplate(db: D1Database, tenantId: string, id: string, t: TemplateFields, now: string) {
  return db
    .prepare(`${INSERT_SQL} RETURNING *`)
    .bind(id, tenantId, t.name, t.language, flag(t.channels, 'sms'), flag(t.channels, 'whatsapp'), t.body, t.whatsappApproval, t.purpose, now, now)
    .first<TemplateRow>();
}

/** Replaces what an admin edits; the purpose of a default stays. */
export function updateTemplate(db: D1Database, tenantId: string, templateId: string, t: Omit<TemplateFields, 'purpose'>, now: string) {
  return db
    .prepare(
      `UPDATE templates SET name = ?, language = ?, sms = ?, whatsapp = ?, body = ?, whatsapp_approval = ?, updated_at = ?
        WHERE id = ? AND tenant_id = ? RETURNING *`,
    )
    .bind(t.name, t.language, flag(t.channels, 'sms'), flag(t.channels, 'whatsapp'), t.body, t.whatsappApproval, now, templateId, tenantId)
    .first<TemplateRow>();
}

export function deleteTemplate(db: D1Database, tenantId: string, templateId: string) {
  return db.prepare(`DELETE FROM templates WHERE id = ? AND tenant_id = ?`).bind(templateId, tenantId).run();
}

const flag = (channels: readonly Channel[], channel: Channel): 0 | 1 => (channels.includes(channel) ? 1 : 0);
