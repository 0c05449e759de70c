import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';

export function renderAt(ui: ReactElement, path = '/') {
  return render(<MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>);
}

/** A fetch that answers each request with the next canned response and records what was sent. */
export function fakeFetch(...answers: { status: number; body?: unknown }[]) {
  const sent: { url: string; method: string; body: unknown; headers: Headers }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init);
    const text = await request.clone().text();
    sent.push({ url: request.url, method: request.method, body: text ? JSON.parse(text) : undefined, headers: request.headers });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status, headers: { 'Content-Type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  return { fn, sent };
}
