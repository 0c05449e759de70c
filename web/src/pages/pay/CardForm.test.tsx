import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { cardErrors } from '../../lib/card';
import { fakeFetch, renderAt } from '../../test/render';
import { CardForm } from './CardForm';

afterEach(async () => {
  vi.unstubAllGlobals();
  await changeLanguage('ko');
});

const deposit = { amount: 40000, currency: 'KRW' };

describe('card form', () => {
  it('explains each problem in Korean and sends nothing', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<CardForm pays={{ reservationId: 'r1' }} amount={deposit} onPaid={() => undefined} />);
    await userEvent.type(screen.getByLabelText('카드 번호'), '4111111111111112');
    await userEvent.type(screen.getByLabelText('유효기간 (MM/YY)'), '0120');
    await userEvent.type(screen.getByLabelText('CVC'), '12');
    await userEvent.click(screen.getByRole('button', { name: '40,000원 결제하기' }));

    expect(screen.getByLabelText('카드 번호')).toHaveAccessibleDescription('올바른 카드 번호가 아닙니다.');
    expect(screen.getByLabelText('유효기간 (MM/YY)')).toHaveAccessibleDescription('유효기간이 지난 카드입니다.');
    expect(screen.getByLabelText('CVC')).toHaveAccessibleDescription('CVC는 카드 뒷면의 숫자 3~4자리입니다.');
    expect(fetch.sent).toHaveLength(0);
  });

  it('explains the same problems in English', async () => {
    await changeLanguage('en');
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<CardForm pays={{ reservationId: 'r1' }} amount={deposit} onPaid={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Expiry (MM/YY)'), '1399');
    await userEvent.click(screen.getByRole('button', { name: 'Pay ₩40,000' }));

    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Enter the card number.');
    expect(screen.getByLabelText('Expiry (MM/YY)')).toHaveAccessibleDescription('Enter the expiry as MM/YY.');
    expect(screen.getByLabelText('CVC')).toHaveAccessibleDescription('Enter the CVC.');
    expect(fetch.sent).toHaveLength(0);
  });

  it('sends a valid card once to the API with an idempotency key and keeps nothing of it', async () => {
    const payment = { id: 'p1', status: 'captured', amount: 40000, currency: 'KRW', refunded: 0, card: { brand: 'visa', last4: '1111' } };
    const fetch = fakeFetch({ status: 201, body: payment });
    vi.stubGlobal('fetch', fetch.fn);
    const onPaid = vi.fn();
    renderAt(<CardForm pays={{ reservationId: 'r1' }} amount={deposit} onPaid={onPaid} />);
    await userEvent.type(screen.getByLabelText('카드 번호'), '4111111111111111');
    expect(screen.getByLabelText('카드 번호')).toHaveValue('4111 1111 1111 1111');
    await userEvent.type(screen.getByLabelText('유효기간 (MM/YY)'), '1230');
    await userEvent.type(screen.getByLabelText('CVC'), '123');
    await userEvent.click(screen.getByRole('button', { name: '40,000원 결제하기' }));

    await waitFor(() => expect(onPaid).toHaveBeenCalledWith(payment));
    expect(fetch.sent).toHaveLength(1);
    expect(fetch.sent[0].url).toMatch(/\/api\/payments$/);
    expect(fetch.sent[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(fetch.sent[0].body).toMatchObject({ reservationId: 'r1', amount: 40000, paymentMethod: 'credit_card', cardDetails: { number: '4111 1111 1111 1111', expiry: '12/30', cvv: '123' } });
    expect(JSON.stringify({ ...localStorage })).not.toContain('4111');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('4111');
  });

  it('shows a declined card in the diner’s language', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 402, body: { title: 'Payment declined', code: 'REJECT_CARD_COMPANY' } }).fn);
    renderAt(<CardForm pays={{ reservationId: 'r1' }} amount={deposit} onPaid={() => undefined} />);
    await userEvent.type(screen.getByLabelText('카드 번호'), '4000000000000002');
    await userEvent.type(screen.getByLabelText('유효기간 (MM/YY)'), '1230');
    await userEvent.type(screen.getByLabelText('CVC'), '123');
    await userEvent.click(screen.getByRole('button', { name: '40,000원 결제하기' }));
    expect(await screen.findByText('카드사에서 결제를 승인하지 않았습니다. 다른 카드로 시도해 주세요.')).toBeInTheDocument();
  });
});

describe('card checks', () => {
  it('match the service: Luhn, 12–19 digits, the month of expiry still good, 3–4 digit CVC', () => {
    const now = new Date(2026, 11, 4);
    expect(cardErrors({ number: '4111 1111 1111 1111', expiry: '12/26', cvv: '1234', holderName: '' }, now)).toEqual({});
    expect(cardErrors({ number: '4111 1111 1111 1111', expiry: '11/26', cvv: '123', holderName: '' }, now).expiry).toBe('card.expired');
    expect(cardErrors({ number: '4242424242', expiry: '12/30', cvv: '123', holderName: '' }, now).number).toBe('card.numberInvalid');
    expect(cardErrors({ number: '4111 1111 1111 1111', expiry: '12/30', cvv: '12a', holderName: '' }, now).cvv).toBe('card.cvvInvalid');
  });
});
