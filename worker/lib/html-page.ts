/**
 * The worker's own pages for people without a session (the consent page, password pages): plain
 * HTML forms that work without JavaScript on any phone, one look for all of them. Every value goes
 * through hono/html's escaping.
 * @module
 */
import { createMiddleware } from 'hono/factory';
import { html } from 'hono/html';

/** The one-time tokens in page links (`/c/{token}`, `/account/password/{token}`): anything else is not worth a lookup. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{40,64}$/;

export type Html = ReturnType<typeof html>;

/**
 * The URL of these pages is a credential: no other site may frame them (clickjacking a consent or
 * a password form), no cache may keep them, and no link on them may leak the URL as a referrer.
 * The pages carry their own inline style and post only to themselves.
 */
export const tokenPageHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
});

export const htmlPage = (options: { language: string; title: string; body: Html }) => html`<!doctype html>
<html lang="${options.language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="robots" content="noindex" />
    <title>${options.title}</title>
    <style>
      :root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
      main { max-width: 460px; margin: 8vh auto; padding: 0 16px; display: grid; gap: 12px; }
      form { display: grid; gap: 12px; }
      fieldset { border: 1px solid #99a; border-radius: 8px; display: grid; gap: 6px; }
      label { display: flex; gap: 8px; align-items: center; }
      input, button { font: inherit; padding: 8px 10px; border-radius: 8px; border: 1px solid #99a; }
      button { padding: 10px 12px; background: #2452c9; color: #fff; border: 0; cursor: pointer; }
      .error { color: #b42318; }
      .company { font-weight: 600; letter-spacing: 0.02em; margin: 0; }
      a { color: #2452c9; }
      @media (prefers-color-scheme: dark) { a { color: #9db6ff; } }
    </style>
  </head>
  <body>
    <main>${options.body}</main>
  </body>
</html>`;
