import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../api/session';
import { changeLanguage } from '../../i18n';
import { fakeFetch, renderAt } from '../../test/render';
import { LoginForm } from './LoginForm';
import { SignupForm } from './SignupForm';

const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

afterEach(async () => {
  vi.unstubAllGlobals();
  session.expire();
  await changeLanguage('ko');
});

describe('sign-up form', () => {
  it('explains each problem in Korean before sending anything', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<SignupForm onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('이메일'), 'not-an-email');
    await userEvent.type(screen.getByLabelText('비밀번호'), 'short');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));

    expect(screen.getByLabelText('이름')).toHaveAccessibleDescription('이름을 입력해 주세요.');
    expect(screen.getByLabelText('이메일')).toHaveAccessibleDescription('올바른 이메일 주소가 아닙니다.');
    expect(screen.getByLabelText('비밀번호')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('비밀번호는 10자 이상이어야 합니다.')).toBeInTheDocument();
    expect(fetch.sent).toHaveLength(0);
  });

  it('explains the same problems in English', async () => {
    await changeLanguage('en');
    vi.stubGlobal('fetch', fakeFetch().fn);
    renderAt(<SignupForm onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Password'), 'alllowercaseletters');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(screen.getByText('Please enter your name.')).toBeInTheDocument();
    expect(screen.getByText('Please enter your e-mail address.')).toBeInTheDocument();
    expect(screen.getByText('Mix at least two of: lower-case, upper-case, digits, symbols.')).toBeInTheDocument();
  });

  it('sends a valid form as a registration and reports a taken e-mail on its field', async () => {
    const fetch = fakeFetch({ status: 409, body: { title: 'Conflict', status: 409 } });
    vi.stubGlobal('fetch', fetch.fn);
    const done = vi.fn();
    renderAt(<SignupForm onDone={done} />);
    await userEvent.click(screen.getByRole('radio', { name: /식당 운영자/ }));
    await userEvent.type(screen.getByLabelText('이름'), '김민수');
    await userEvent.type(screen.getByLabelText('이메일'), 'minsu@example.com');
    await userEvent.type(screen.getByLabelText('비밀번호'), 'Kimchi-2026!');
    await userEvent.type(screen.getByLabelText('비밀번호 확인'), 'Kimchi-2026!');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));

    await waitFor(() => expect(screen.getByText('이미 가입된 이메일입니다.')).toBeInTheDocument());
    expect(fetch.sent[0].url).toMatch(/\/api\/auth\/register$/);
    expect(fetch.sent[0].body).toEqual({ name: '김민수', email: 'minsu@example.com', password: 'Kimchi-2026!', accountType: 'business' });
    expect(done).not.toHaveBeenCalled();
  });

  it('asks for the same password twice', async () => {
    vi.stubGlobal('fetch', fakeFetch().fn);
    renderAt(<SignupForm onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('비밀번호'), 'Kimchi-2026!');
    await userEvent.type(screen.getByLabelText('비밀번호 확인'), 'Kimchi-2026?');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));
    expect(screen.getByText('비밀번호가 서로 다릅니다.')).toBeInTheDocument();
  });
});

describe('login form', () => {
  it('requires both fields, in either language', async () => {
    renderAt(<LoginForm onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(screen.getByText('이메일 또는 아이디를 입력해 주세요.')).toBeInTheDocument();
    expect(screen.getByText('비밀번호를 입력해 주세요.')).toBeInTheDocument();
  });

  it('says the credentials are wrong on 401 without saying which', async () => {
    await changeLanguage('en');
    vi.stubGlobal('fetch', fakeFetch({ status: 401, body: { title: 'Unauthorized', status: 401 } }).fn);
    renderAt(<LoginForm onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('E-mail or username'), 'kim@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The e-mail (username) or password is wrong.');
  });

  it('signs in with an e-mail and keeps the session with the user from the token', async () => {
    const access = token({ sub: 'u1', name: '김민수', email: 'kim@example.com', roles: ['diner'], memberships: [], exp: Math.floor(Date.now() / 1000) + 900 });
    const fetch = fakeFetch({ status: 200, body: { accessToken: access, refreshToken: 'r1', tokenType: 'Bearer', expiresIn: 900 } });
    vi.stubGlobal('fetch', fetch.fn);
    const done = vi.fn();
    renderAt(<LoginForm onDone={done} />);
    await userEvent.type(screen.getByLabelText('이메일 또는 아이디'), 'kim@example.com');
    await userEvent.type(screen.getByLabelText('비밀번호'), 'Kimchi-2026!');
    await userEvent.click(screen.getByRole('button', { name: '로그인' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(fetch.sent[0].body).toEqual({ email: 'kim@example.com', password: 'Kimchi-2026!' });
    expect(session.current.user).toMatchObject({ id: 'u1', name: '김민수', roles: ['diner'] });
    expect(JSON.parse(localStorage.getItem('brigade.session')!).refreshToken).toBe('r1');
  });
});
