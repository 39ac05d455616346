/**
 * URL predicates for SmartRecruiters' candidate pages (ats-overlay.md §1.1):
 * `/app/people/applications/{id}` and its tabs (`…/messages`, `…/attachments`), the shape a real
 * MV3 extension for SmartRecruiters recognises.
 *
 * Not `/app/people/profile/{id}` or `/app/people/candidates/{id}`: their ids are scoped differently,
 * and until it is confirmed which equals the API's candidate id, accepting them would make one
 * person two Parley candidates with two separate threads.
 * @module
 */

export const hostMatches = ['https://www.smartrecruiters.com/*'] as const;

const appHost = 'www.smartrecruiters.com';

const applicationPath = /^\/app\/people\/applications\/([A-Za-z0-9-]{8,64})(?:\/[a-z-]+)?\/?$/;

/** The application id for a candidate page; null for every other page. */
export function candidateIdFromUrl(url: URL): string | null {
  if (url.protocol !== 'https:' || url.hostname !== appHost) return null;
  return applicationPath.exec(url.pathname)?.[1] ?? null;
}

export const isCandidateProfile = (url: URL): boolean => candidateIdFromUrl(url) !== null;
