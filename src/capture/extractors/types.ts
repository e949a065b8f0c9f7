/**
 * Shapes of the `extracted` section of a capture manifest. Every value carries where it came from
 * so an investigator can point at the exact selector or line that backs it (G6.1: account
 * name/ID, poster IP, content and URL must be traceable to the captured page).
 */

/** One extracted value and its provenance. */
export interface Sourced {
  value: string;
  /** Selector, JSON-LD path, URL part or line number that backed the value. */
  source: string;
  /** The exact text the value was read from. */
  raw: string;
}

/** A PTT push (推文) line. */
export interface PttPush {
  tag: string;
  user_id: string;
  text: string;
  ip: string | null;
  time_raw: string;
  /** ISO 8601 +08:00; the year is inferred from the post time (PTT push lines carry no year). */
  time: string | null;
  source: string;
}

/** A `※ 編輯:` line. */
export interface PttEdit {
  user_id: string;
  ip: string;
  location: string | null;
  time_raw: string;
  time: string | null;
  source: string;
  raw: string;
}

/** PTT-specific details. */
export interface PttDetails {
  board: Sourced | null;
  article_id: Sourced | null;
  article_url: Sourced | null;
  poster_ip_location: string | null;
  edits: PttEdit[];
  pushes: PttPush[];
  push_counts: { push: number; boo: number; arrow: number };
}

/** Dcard-specific details. */
export interface DcardDetails {
  forum: Sourced | null;
  post_id: Sourced | null;
  school: Sourced | null;
  department: Sourced | null;
}

/** Generic page metadata (computed for every page). */
export interface GenericDetails {
  title: Sourced | null;
  og_title: Sourced | null;
  og_url: Sourced | null;
  og_site_name: Sourced | null;
  author: Sourced | null;
  article_author: Sourced | null;
  published_time: Sourced | null;
  canonical: Sourced | null;
}

/** The manifest `extracted` object. Missing values are null, never absent. */
export interface Extracted {
  platform: 'ptt' | 'dcard' | 'generic';
  /** What recognised the platform: `domain:www.ptt.cc` or `structure:…`. */
  detected_by: string;
  account_name: Sourced | null;
  account_id: Sourced | null;
  poster_ip: Sourced | null;
  posted_at: Sourced | null;
  title: Sourced | null;
  ptt: PttDetails | null;
  dcard: DcardDetails | null;
  generic: GenericDetails;
}
