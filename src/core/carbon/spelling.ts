// How a replacement region is written where the old one was: the one rule the quick fix, the hover link and the
// leaderboard's "use this region" share. Pure, so the property tests apply exactly the editor's edit.
import type { Region } from '../data/schema';

/** How the new region is spelt: same case, the same zone suffix, a display name where one was used. */
export function spellLike(original: string, current: string, target: Region): string {
  let spelt = target.code;
  if (target.provider === 'azure' && /[\sA-Z]/.test(original) && original.toLowerCase().replace(/\s+/g, '') !== current)
    spelt = target.name;
  else if (original.toLowerCase().startsWith(current) && original.length > current.length)
    spelt = target.code + original.slice(current.length);
  if (original === original.toUpperCase() && original !== original.toLowerCase()) spelt = spelt.toUpperCase();
  return spelt;
}
