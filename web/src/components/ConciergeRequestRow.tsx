import type { ReactNode } from 'react';
import type { ReservationsApi } from '../api/client';
import { useT } from '../i18n';
import { DEFAULT_ZONE, formatDateTime } from '../lib/format';
import { StatusBadge } from './StatusBadge';

export type ConciergeRequest = ReservationsApi['ConciergeRequestResponse'];

export function ConciergeRequestRow({ request, restaurant, zone = DEFAULT_ZONE, children }: { request: ConciergeRequest; restaurant?: ReactNode; zone?: string; children?: ReactNode }) {
  const { t, lang } = useT();
  return (
    <li className="px-5 py-4" data-testid="concierge-request" data-status={request.status}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            {restaurant && <span className="font-bold">{restaurant}</span>}
            <span className="font-semibold">{request.guest.name}</span>
            <span className="text-stone-600">{t('booking.people', { count: Number(request.partySize) })}</span>
            <StatusBadge status={request.status} />
          </p>
          <p className="text-sm text-stone-700 tabular">{formatDateTime(request.start, zone, lang)}{request.guest.phone && <> · {request.guest.phone}</>}</p>
          {request.preferences && <p className="mt-1 text-sm text-stone-600">“{request.preferences}”</p>}
          {request.declineReason && <p className="mt-1 text-sm text-red-700">{t('concierge.declinedBecause', { reason: request.declineReason })}</p>}
        </div>
        {children}
      </div>
    </li>
  );
}
