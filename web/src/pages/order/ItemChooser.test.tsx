import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemView } from '../../api/client';
import { renderAt } from '../../test/render';
import { ItemChooser, type Choice } from './ItemChooser';

const won = (amount: number) => ({ amount, currency: 'KRW' });
const jjajang = {
  id: 'item-1', name: '짜장면', category: '면', description: null, photoUrl: null, price: won(8000), available: true, reason: null, portionsLeft: null,
  modifierGroups: [
    { groupId: 'size', name: '양', required: true, minChoices: 1, maxChoices: 1,
      options: [{ optionId: 'regular', name: '보통', priceDelta: won(0) }, { optionId: 'large', name: '곱빼기', priceDelta: won(1000) }] },
    { groupId: 'extras', name: '추가', required: false, minChoices: 0, maxChoices: 2,
      options: [{ optionId: 'egg', name: '계란', priceDelta: won(500) }, { optionId: 'cheese', name: '치즈', priceDelta: won(700) }, { optionId: 'ham', name: '햄', priceDelta: won(900) }] },
  ],
} as unknown as MenuItemView;

describe('item chooser', () => {
  it('waits for the required choice, keeps extras within their maximum and prices what is chosen', async () => {
    const added: Choice[] = [];
    const onClose = vi.fn();
    renderAt(<ItemChooser item={jjajang} onAdd={async c => { added.push(c); }} onClose={onClose} />);

    const add = screen.getByRole('button', { name: /담기/ });
    expect(add).toBeDisabled();
    expect(add).toHaveTextContent('8,000원');

    await userEvent.click(screen.getByRole('radio', { name: /곱빼기/ }));
    expect(add).toBeEnabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /계란/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /치즈/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /햄/ })); // a third extra is over the maximum: ignored
    expect(screen.getByRole('checkbox', { name: /햄/ })).not.toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: '하나 더' }));
    expect(add).toHaveTextContent('20,400원'); // (8,000 + 1,000 + 500 + 700) × 2

    await userEvent.type(screen.getByLabelText('요청 사항'), '덜 맵게');
    await userEvent.click(add);
    expect(added).toEqual([{ menuItemId: 'item-1', quantity: 2, modifiers: ['large', 'egg', 'cheese'], notes: '덜 맵게' }]);
    expect(onClose).toHaveBeenCalled();
  });

  it('shows why the service refused and stays open', async () => {
    const onClose = vi.fn();
    renderAt(<ItemChooser item={{ ...jjajang, modifierGroups: [] }} onAdd={async () => { throw new Error('지금 주문할 수 없는 메뉴: 짜장면.'); }} onClose={onClose} />);
    await userEvent.click(screen.getByRole('button', { name: /담기/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('지금 주문할 수 없는 메뉴');
    expect(onClose).not.toHaveBeenCalled();
  });
});
