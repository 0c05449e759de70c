// Client-side checks that mirror identity's rules, so a person learns what is wrong before sending, in their
// own language (the services' messages are English only). The service still decides.
export type Errors<K extends string> = Partial<Record<K, string>>;

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'validation.passwordLength';
  if (password.length > 128) return 'validation.passwordTooLong';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter(p => p.test(password)).length;
  if (kinds < 2) return 'validation.passwordKinds';
  return null;
}

/** Error message keys (i18n) per field; empty when the form may be sent. */
export function signupErrors(v: { name: string; email: string; password: string; confirm: string }): Errors<'name' | 'email' | 'password' | 'confirm'> {
  const errors: Errors<'name' | 'email' | 'password' | 'confirm'> = {};
  if (!v.name.trim()) errors.name = 'validation.nameRequired';
  if (!v.email.trim()) errors.email = 'validation.emailRequired';
  else if (!emailPattern.test(v.email.trim())) errors.email = 'validation.emailInvalid';
  const password = passwordProblem(v.password);
  if (password) errors.password = password;
  else if (v.confirm !== v.password) errors.confirm = 'validation.passwordMismatch';
  return errors;
}

export function loginErrors(v: { login: string; password: string }): Errors<'login' | 'password'> {
  const errors: Errors<'login' | 'password'> = {};
  if (!v.login.trim()) errors.login = 'validation.loginRequired';
  if (!v.password) errors.password = 'validation.passwordRequired';
  return errors;
}
