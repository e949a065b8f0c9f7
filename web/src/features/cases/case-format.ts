/**
 * Pure helpers of the case page: Taipei wall clocks for the date pickers, the Art. 40 form's rules
 * (mirroring the server's, so the officer hears about a gap before sending), recipients, the
 * timeline's action keys and which field a server refusal names.
 */
import { taipeiParts, type Instant } from '../../lib/roc-date.ts';
import type { Art40Element, Art40Outcome, Assessment, AssessmentInput, CaseStatus, TimelineEvent } from './cases.api.ts';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2025-07-08T14:05`: the Taipei wall clock of an instant, as a date picker's starting value. */
export function taipeiWallClock(value: Instant = Date.now()): string {
  const p = taipeiParts(value);
  return p ? `${p.rocYear + 1911}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}` : '';
}

/** `2025-07-08`: today's date in Taipei (the transfer date the server expects). */
export function taipeiToday(value: Instant = Date.now()): string {
  return taipeiWallClock(value).slice(0, 10);
}

/** True when a case takes workflow writes (a transferred case takes follow-ups and the FPO notice only; a closed one nothing until reopened). */
export function isCaseWritable(status: CaseStatus): boolean {
  return status !== 'transferred' && status !== 'closed';
}

/** The three elements of Art. 40 (G6.3.1), in the order the guideline lists them. */
export const ART40_ELEMENTS = ['publicDissemination', 'inducement', 'childAtRisk'] as const;
export type Art40ElementKey = (typeof ART40_ELEMENTS)[number];

/** Art. 2 ¶1 subparagraphs that make a child-at-risk message an Art. 40 target. */
export const SUBPARAGRAPHS = [1, 2, 3] as const;

/** The Art. 40 form as the officer fills it. */
export interface AssessmentFormValues {
  publicDissemination: Art40Element;
  inducement: Art40Element;
  childAtRisk: Art40Element & { subparagraphs: number[] };
  otherOutcome?: 'harmful' | 'not_target';
}

const emptyElement = (): Art40Element => ({ held: false, reasons: '', evidenceIds: [] });

/**
 * The form's starting values: a returned (or superseded) check is redone from its own content; a
 * fresh case starts empty.
 */
export function assessmentInitialValues(previous: Assessment | undefined): AssessmentFormValues {
  if (!previous) return { publicDissemination: emptyElement(), inducement: emptyElement(), childAtRisk: { ...emptyElement(), subparagraphs: [] } };
  const copy = (e: Art40Element): Art40Element => ({ held: e.held, reasons: e.reasons, evidenceIds: [...e.evidenceIds] });
  const { publicDissemination, inducement, childAtRisk } = previous.elements;
  const allHeld = publicDissemination.held && inducement.held && childAtRisk.held;
  return {
    publicDissemination: copy(publicDissemination),
    inducement: copy(inducement),
    childAtRisk: { ...copy(childAtRisk), subparagraphs: [...childAtRisk.subparagraphs] },
    otherOutcome: allHeld || previous.proposedOutcome === 'art40' ? undefined : previous.proposedOutcome,
  };
}

/** `art40` exactly when all three elements hold (G6.3.1); otherwise what the officer chose, if anything. */
export function proposedOutcome(values: Pick<AssessmentFormValues, 'publicDissemination' | 'inducement' | 'childAtRisk' | 'otherOutcome'>): Art40Outcome | null {
  if (values.publicDissemination.held && values.inducement.held && values.childAtRisk.held) return 'art40';
  return values.otherOutcome ?? null;
}

/** The request body: reasons trimmed, subparagraphs only when the child-at-risk element holds, the other outcome only when needed. */
export function assessmentBody(values: AssessmentFormValues): AssessmentInput {
  const element = (e: Art40Element) => ({ held: e.held, reasons: e.reasons.trim(), evidenceIds: [...new Set(e.evidenceIds)] });
  const allHeld = values.publicDissemination.held && values.inducement.held && values.childAtRisk.held;
  const body: AssessmentInput = {
    publicDissemination: element(values.publicDissemination),
    inducement: element(values.inducement),
    childAtRisk: { ...element(values.childAtRisk), subparagraphs: values.childAtRisk.held ? [...new Set(values.childAtRisk.subparagraphs)].sort() : [] },
  };
  if (!allHeld && values.otherOutcome) body.otherOutcome = values.otherOutcome;
  return body;
}

/** The assessment awaiting review (the newest undecided one), if any. */
export function pendingAssessment(assessments: readonly Assessment[]): Assessment | undefined {
  return [...assessments].filter((a) => a.decision === null).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0];
}

/** Submissions newest first. */
export function assessmentsNewestFirst(assessments: readonly Assessment[]): Assessment[] {
  return [...assessments].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
}

// A pragmatic e-mail check for the recipients box; the mail server is the final judge.
const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/;

/** True when the text looks like one e-mail address. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value.trim());
}

/** Recipients as typed (tags, or pasted with commas, semicolons or spaces): trimmed, each once, in order. */
export function cleanRecipients(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const part of value.split(/[\s,;]+/)) {
      const address = part.trim();
      if (address && !out.some((a) => a.toLowerCase() === address.toLowerCase())) out.push(address);
    }
  }
  return out;
}

/** The catalogue key of an audit action (`case.assessment_submit` → `case_assessment_submit`). */
export function actionKey(action: string): string {
  return action.replace(/\./g, '_');
}

/** Reads of the case (views, lists) rather than steps taken on it: hidden from the timeline unless asked for. */
export function isReadEvent(action: string): boolean {
  return /\.(view|list|timeline_view|preview|board_list|url_lookup|identifier_lookup|source_counts)$/.test(action);
}

/** Who did an audited step on an object, found in the timeline by the object's id in the event's details. */
export function actorOf(events: readonly TimelineEvent[] | undefined, action: string, detailKey: string, id: string): string | null {
  const event = events?.find((e) => e.action === action && e.outcome === 'success' && e.details?.[detailKey] === id);
  return event?.actorUsername ?? null;
}

/**
 * The form field a server refusal names. The server's messages read `中文 (english)`, and the
 * English part starts with the field it refused (`value is not an e-mail address`,
 * `observedAt: an IP needs …`); the field named first there wins.
 */
export function serverField<F extends string>(message: string, fields: readonly F[]): F | null {
  const open = message.indexOf(' (');
  const english = open >= 0 ? message.slice(open + 2) : message;
  let best: { field: F; at: number } | null = null;
  for (const field of fields) {
    const match = new RegExp(`(^|[^A-Za-z.])${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).exec(english);
    if (match && (best === null || match.index < best.at)) best = { field, at: match.index };
  }
  return best?.field ?? null;
}

/** A string detail of a timeline event, or null. */
export function detailText(event: TimelineEvent, key: string): string | null {
  const value = event.details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
