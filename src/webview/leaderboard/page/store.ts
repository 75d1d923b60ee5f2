// The page's single source of truth: the saved state (persisted with vscode.setState on every change), the
// data the host sent, and request/response plumbing for recommend and compare.
import {
  MAX_SEARCH_TERMS,
  type CompareRequest,
  type CompareResultMessage,
  type InitMessage,
  type PageMessage,
  type RecommendRequest,
  type RecommendResultMessage,
  type SavedState,
  type SearchResolved,
} from '../protocol';
import { computeView, unresolvedTerms, type View } from '../state';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

type Listener = (store: Store) => void;
type Pending = { resolve: (message: RecommendResultMessage | CompareResultMessage) => void };

export class Store {
  private listeners = new Set<Listener>();
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private viewCache: { rows: InitMessage['rows']; view: SavedState['view']; aliases: Map<string, string | null>; result: View } | undefined;
  data: InitMessage | undefined;
  /** Search words the host resolved as model ids written in code; replaced (not mutated) on each answer. */
  aliases = new Map<string, string | null>();
  /** Words asked for and not answered yet, so typing does not ask twice. */
  private asked = new Set<string>();

  constructor(
    private readonly api: VsCodeApi,
    public state: SavedState,
  ) {}

  update(change: (state: SavedState) => SavedState): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    this.api.setState(next);
    for (const listener of this.listeners) listener(this);
  }

  setData(data: InitMessage): void {
    this.data = data;
    this.viewCache = undefined;
  }

  subscribe(listener: Listener): void {
    this.listeners.add(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener(this);
  }

  post(message: PageMessage): void {
    this.api.postMessage(message);
  }

  /** The table's view, recomputed only when the rows or the view state change. */
  view(): View | undefined {
    if (!this.data) return undefined;
    const cache = this.viewCache;
    if (cache && cache.rows === this.data.rows && cache.view === this.state.view && cache.aliases === this.aliases) return cache.result;
    const result = computeView(this.data.rows, this.state.view, this.aliases);
    this.viewCache = { rows: this.data.rows, view: this.state.view, aliases: this.aliases, result };
    return result;
  }

  /** Asks the host to resolve the search's words it has not resolved yet (the answer arrives as 'searchResolved'). */
  resolveSearch(): void {
    const terms = unresolvedTerms(this.state.view.filter.search, this.aliases, MAX_SEARCH_TERMS).filter((term) => !this.asked.has(term));
    if (terms.length === 0) return;
    for (const term of terms) this.asked.add(term);
    this.post({ type: 'resolveSearch', terms });
  }

  addAliases(message: SearchResolved): void {
    const next = new Map(this.aliases);
    for (const { term, modelId } of message.matches) {
      next.set(term, modelId);
      this.asked.delete(term);
    }
    this.aliases = next;
    this.notify();
  }

  request(message: Omit<RecommendRequest, 'requestId'>): Promise<RecommendResultMessage>;
  request(message: Omit<CompareRequest, 'requestId'>): Promise<CompareResultMessage>;
  request(
    message: Omit<RecommendRequest, 'requestId'> | Omit<CompareRequest, 'requestId'>,
  ): Promise<RecommendResultMessage | CompareResultMessage> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, { resolve });
      this.post({ ...message, requestId } as PageMessage);
    });
  }

  settle(message: RecommendResultMessage | CompareResultMessage): void {
    const pending = this.pending.get(message.requestId);
    if (!pending) return;
    this.pending.delete(message.requestId);
    pending.resolve(message);
  }
}
