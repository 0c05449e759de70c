import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, renderAt } from '../../test/render';
import { NewItemForm } from './InventoryPage';

afterEach(() => vi.unstubAllGlobals());

describe('new stock item form', () => {
  it('sends the item in its base unit and shows the service’s field errors next to the fields', async () => {
    const invalid = { status: 400, title: 'Invalid', errors: { packCost: ['packCost must be a whole number of minor units between 0 and 1000000000000.'] } };
    const created = { id: 'i-1', name: '양파', baseUnit: 'g' };
    const fetch = fakeFetch({ status: 400, body: invalid }, { status: 201, body: created });
    vi.stubGlobal('fetch', fetch.fn);
    const onAdded = vi.fn();
    renderAt(<NewItemForm restaurantId="r-1" onAdded={onAdded} />);

    await userEvent.type(screen.getByLabelText('품목'), '양파');
    await userEvent.type(screen.getByLabelText('구매 포장 이름'), 'box');
    await userEvent.clear(screen.getByLabelText('포장당 수량'));
    await userEvent.type(screen.getByLabelText('포장당 수량'), '10000');
    await userEvent.type(screen.getByLabelText('포장당 가격(원)'), '-5');
    await userEvent.click(screen.getByRole('button', { name: '품목 추가' }));
    expect(await screen.findByText(/packCost must be a whole number/)).toBeInTheDocument();
    expect(onAdded).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText('포장당 가격(원)'));
    await userEvent.type(screen.getByLabelText('포장당 가격(원)'), '25000');
    await userEvent.click(screen.getByRole('button', { name: '품목 추가' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith(created));
    expect(fetch.sent[1].url).toContain('/api/inventory/r-1/items');
    expect(fetch.sent[1].body).toEqual({ name: '양파', baseUnit: 'g', packUnit: 'box', packSize: 10000, packCost: 25000, onHand: 0, reorderPoint: 0, parLevel: 0 });
  });
});
