// Shift postings on the client: the codes the jobs service uses, and checks that mirror its rules (Korean minimum wage
// by year, statutory breaks) so a manager learns what is wrong before sending. The service still decides.
export const categories = ['serving', 'kitchen_help', 'dishwashing', 'barista', 'cook', 'prep', 'cashier', 'cleaning'] as const;
export const requirements = ['health_certificate', 'food_hygiene_training', 'barista_certificate', 'cook_license'] as const;

/** 최저임금법: the hourly minimum in KRW by the shift's year; a year not listed yet uses the latest published rate. */
const minimumWageByYear: Record<number, number> = { 2024: 9860, 2025: 10030, 2026: 10320 };

export function minimumWage(year: number): number {
  const known = Object.keys(minimumWageByYear).map(Number).filter(y => y <= year).sort((a, b) => a - b);
  return minimumWageByYear[known.length ? known[known.length - 1] : 2024];
}

/** Minutes from start to end (HH:mm); an end at or before the start ends the next day. */
export function shiftMinutes(start: string, end: string): number {
  const [sh, sm] = start.split(':').map(Number);
  const [eh, em] = end.split(':').map(Number);
  const from = sh * 60 + sm;
  let to = eh * 60 + em;
  if (to <= from) to += 24 * 60;
  return to - from;
}

/** 근로기준법 제54조: the shortest legal break for a shift (30 minutes from 4 hours of work, 1 hour from 8), if the given one is shorter. */
export function breakShortfall(lengthMinutes: number, breakMinutes: number): number | null {
  const work = lengthMinutes - breakMinutes;
  const needed = work >= 480 ? 60 : work >= 240 ? 30 : 0;
  return breakMinutes >= needed ? null : needed;
}

/** Pay for a shift as scheduled (breaks unpaid), rounded up to the won like the service. */
export function scheduledPay(lengthMinutes: number, breakMinutes: number, hourlyWage: number): number {
  return Math.ceil((Math.max(0, lengthMinutes - breakMinutes) * hourlyWage) / 60);
}

export type PostingValues = {
  title: string; category: string; date: string; startTime: string; endTime: string; wage: string; headcount: string;
  breakMinutes: string; description: string; dressCode: string; contactName: string; contactPhone: string;
  requirements: string[]; bookingMode: 'manual' | 'auto'; favouritesFirstMinutes: string;
};

export type PostingProblem = { key: string; values?: Record<string, string | number> };

/** Problems per field as i18n keys with values; empty when the posting may be sent. */
export function postingErrors(v: PostingValues, today: string): Partial<Record<keyof PostingValues, PostingProblem>> {
  const errors: Partial<Record<keyof PostingValues, PostingProblem>> = {};
  if (!v.title.trim()) errors.title = { key: 'validation.required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) errors.date = { key: 'validation.required' };
  else if (v.date < today) errors.date = { key: 'posting.pastDate' };
  const times = /^\d{2}:\d{2}$/;
  if (!times.test(v.startTime)) errors.startTime = { key: 'validation.required' };
  if (!times.test(v.endTime)) errors.endTime = { key: 'validation.required' };
  const headcount = Number(v.headcount);
  if (!Number.isInteger(headcount) || headcount < 1 || headcount > 50) errors.headcount = { key: 'posting.headcountRange' };
  const wage = Number(v.wage);
  if (!Number.isInteger(wage) || wage <= 0) errors.wage = { key: 'posting.wageWhole' };
  else if (!errors.date) {
    const year = Number(v.date.slice(0, 4));
    const minimum = minimumWage(year);
    if (wage < minimum) errors.wage = { key: 'posting.belowMinimum', values: { year, minimum: minimum.toLocaleString('ko-KR') } };
  }
  const breakMinutes = Number(v.breakMinutes || 0);
  if (!errors.startTime && !errors.endTime) {
    const length = shiftMinutes(v.startTime, v.endTime);
    if (length < 60 || length > 720) errors.endTime = { key: 'posting.length' };
    else if (!Number.isInteger(breakMinutes) || breakMinutes < 0 || breakMinutes > 120) errors.breakMinutes = { key: 'posting.breakRange' };
    else {
      const needed = breakShortfall(length, breakMinutes);
      if (needed !== null) errors.breakMinutes = { key: 'posting.breakShort', values: { needed } };
    }
  }
  return errors;
}
