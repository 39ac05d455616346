/**
 * Writes the demo ATS pages to test/fixtures/ats/demo/, where adapter tests load them as saved
 * pages of "the ATS". Rerun after changing data.ts or render.ts, and commit the result:
 * `npx node test/demo-ats/save-fixtures.ts`
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { demoCandidate, demoCandidates } from '../../worker/sandbox/demo-data.ts';
import { renderListPage, renderProfilePage } from './render.ts';

const fixtureDir = new URL('../fixtures/ats/demo/', import.meta.url);

/** The consenting candidate, the one without consent, and the one without a phone. */
function fixtureCandidates() {
  const withoutPhone = demoCandidates.find((candidate) => candidate.phone === null);
  if (!withoutPhone) throw new Error('The demo data needs a candidate without a phone');
  return [demoCandidate('c-1001'), demoCandidate('c-1002'), withoutPhone];
}

async function saveFixtures(): Promise<string[]> {
  await mkdir(fixtureDir, { recursive: true });
  const pages: Array<[string, string]> = [
    ['candidates.html', renderListPage()],
    ...fixtureCandidates().map((candidate): [string, string] => [`profile-${candidate.id}.html`, renderProfilePage(candidate)]),
  ];
  await Promise.all(pages.map(([name, body]) => writeFile(new URL(name, fixtureDir), body)));
  return pages.map(([name]) => name);
}

const written = await saveFixtures();
console.log(`Wrote ${written.join(', ')} to ${fixtureDir.pathname}`);
