import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Last resort when rendering fails: a plain message in the page's language and a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    const en = document.documentElement.lang === 'en';
    return (
      <div className="mx-auto max-w-lg p-8" role="alert">
        <h1 className="text-xl font-bold">{en ? 'Something went wrong' : '문제가 생겼습니다'}</h1>
        <p className="mt-2 text-stone-700">{this.state.error.message}</p>
        <a className="mt-4 inline-block font-semibold text-brand-700 underline" href="/">{en ? 'Back to Brigade' : 'Brigade 처음으로'}</a>
      </div>
    );
  }
}
