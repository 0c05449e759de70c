// The staff pages' strings, in their own chunk (the Korean dictionary is part of the first load, whose budget is tight).
// Registered as the i18next namespace 'staff' when a staff page loads; staff.test.ts checks both languages have the same keys.
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../lib/format';

export const staffKo = {
  sections: '직원 메뉴', tabs: { schedule: '근무표', clock: '출퇴근', payroll: '급여' },
  employee: '직원',
  warning: {
    overlap: '시간 겹침', daily_overtime: '1일 8시간 초과', weekly_overtime: '주 40시간 초과', weekly_limit: '주 52시간 초과', short_rest: '휴식 부족', short_break: '휴게 부족',
  },
  schedule: {
    title: '근무표', previous: '이전 주', next: '다음 주', publish: '이번 주 게시', weekCost: '예정 인건비 {{cost}}', labour: '인건비율 {{percent}}%',
    noShifts: '근무 없음', draft: '임시', add: '근무 추가', addButton: '추가', date: '날짜', start: '시작', end: '종료', break: '휴게(분)',
    noEmployees: '근무를 짜기 전에 직원을 등록하세요',
  },
  clock: {
    title: '출퇴근', in: '출근', out: '퇴근', breakStart: '휴게 시작', breakEnd: '휴게 끝', timesheets: '최근 2주',
    none: '아직 근무 기록이 없습니다', late: '지각', approve: '승인', breaks_one: '휴게 {{count}}회', breaks_other: '휴게 {{count}}회',
    status: { open: '근무 중', pending: '승인 대기', approved: '승인됨' },
  },
  payroll: {
    title: '급여', hint: '승인된 근무 기록으로 근로기준법에 따라 계산합니다: 연장·야간·휴일 가산, 주휴수당, 최저임금 확인.',
    month: '월', run: '계산', csv: 'CSV', close: '월 마감', employees_one: '직원 {{count}}명', employees_other: '직원 {{count}}명',
    status: { draft: '임시', closed: '마감' }, small: '상시 5인 미만 사업장: 연장·야간·휴일 가산수당이 없습니다.',
    unapproved_one: '승인 대기 중인 근무 기록이 {{count}}건 있습니다.', unapproved_other: '승인 대기 중인 근무 기록이 {{count}}건 있습니다.',
    worked: '근무', base: '기본급', overtime: '연장', night: '야간', holiday: '휴일', weeklyHoliday: '주휴', gross: '총액',
    belowMinimum: '최저임금 미달',
  },
};

export const staffEn: typeof staffKo = {
  sections: 'Staff sections', tabs: { schedule: 'Schedule', clock: 'Time clock', payroll: 'Payroll' },
  employee: 'Employee',
  warning: {
    overlap: 'Overlaps', daily_overtime: 'Over 8 h', weekly_overtime: 'Over 40 h/week', weekly_limit: 'Over 52 h/week', short_rest: 'Short rest', short_break: 'Short break',
  },
  schedule: {
    title: 'Schedule', previous: 'Previous week', next: 'Next week', publish: 'Publish week', weekCost: 'Scheduled labour {{cost}}', labour: 'Labour {{percent}}%',
    noShifts: 'No shifts', draft: 'Draft', add: 'Plan a shift', addButton: 'Add shift', date: 'Date', start: 'Start', end: 'End', break: 'Break (min)',
    noEmployees: 'Add employees before planning shifts',
  },
  clock: {
    title: 'Time clock', in: 'Clock in', out: 'Clock out', breakStart: 'Start break', breakEnd: 'End break', timesheets: 'Last two weeks',
    none: 'No time recorded yet', late: 'Late', approve: 'Approve', breaks_one: '{{count}} break', breaks_other: '{{count}} breaks',
    status: { open: 'On the clock', pending: 'To approve', approved: 'Approved' },
  },
  payroll: {
    title: 'Payroll', hint: 'Paid from approved time under the Labour Standards Act: overtime, night and holiday premiums, weekly holiday pay and the minimum wage.',
    month: 'Month', run: 'Calculate', csv: 'CSV', close: 'Close month', employees_one: '{{count}} employee', employees_other: '{{count}} employees',
    status: { draft: 'Draft', closed: 'Closed' }, small: 'Fewer than five employees: no overtime, night or holiday premiums.',
    unapproved_one: '{{count}} timecard still waits for approval.', unapproved_other: '{{count}} timecards still wait for approval.',
    worked: 'Worked', base: 'Base', overtime: 'Overtime', night: 'Night', holiday: 'Holiday', weeklyHoliday: 'Weekly holiday', gross: 'Gross',
    belowMinimum: 'Below minimum wage',
  },
};

for (const [lang, bundle] of [['ko', staffKo], ['en', staffEn]] as const) {
  if (!i18next.hasResourceBundle(lang, 'staff')) i18next.addResourceBundle(lang, 'staff', bundle);
}

/** t() of the staff namespace (<c>s('clock.in')</c>) and the current language. */
export function useStaffT() {
  const { t, i18n } = useTranslation('staff');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ko';
  return { s: t, lang };
}
