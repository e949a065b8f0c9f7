/** Small checks shared by the services, each answering with the catalogue's VALIDATION_FAILED and the field's name. */
import { AppError } from './errors.ts';

/** Clock skew tolerated for times officers enter (their phones and PCs drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Refuses a time later than `now` (beyond the tolerance); null and undefined pass. */
export function refuseFutureTime(value: Date | null | undefined, field: string, now: Date): void {
  if (value && value.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('VALIDATION_FAILED', `${field} 不可晚於現在 (${field} is in the future)`, { field });
  }
}
