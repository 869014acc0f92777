import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  area: string;
  children: ReactNode;
}

/** Keeps a failure inside one area of the page, with its message and a way to try again. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`${this.props.area} failed`, error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="card error">
        <h3>{this.props.area} could not be shown</h3>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
