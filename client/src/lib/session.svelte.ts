// The logged-in session as rune state. The api keeps the session in an httpOnly cookie; the
// client only learns who is logged in (GET /api/auth/me) and the CSRF token to echo back.
import type { ChangePasswordInput, LoginInput, SessionDto, UserDto } from '@dangshi/protocol';
import { ApiError, http, setCsrfToken } from '$lib/api/http';

class SessionState {
  current = $state<SessionDto | null>(null);
  /** False until the first /me answer (or failure), so pages don't flash "logged out". */
  loaded = $state(false);
  user = $derived<UserDto | null>(this.current?.user ?? null);

  #loading: Promise<void> | null = null;

  /** Loads the session once; concurrent callers share the same request. */
  load(): Promise<void> {
    // A failed load (e.g. offline) is forgotten so the next call can try again.
    this.#loading ??= this.refresh().catch((error: unknown) => {
      this.#loading = null;
      throw error;
    });
    return this.#loading;
  }

  async refresh(): Promise<void> {
    try {
      this.#set(await http.get<SessionDto>('/api/auth/me'));
    } catch (error) {
      // 401 simply means "not logged in"; anything else still leaves us logged out, but the
      // caller may want to show why, so rethrow it after settling the state.
      this.#set(null);
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      this.loaded = true;
    }
  }

  async login(username: string, password: string): Promise<SessionDto> {
    const body: LoginInput = { username, password };
    const session = await http.post<SessionDto>('/api/auth/login', body);
    this.#set(session);
    this.loaded = true;
    return session;
  }

  async logout(): Promise<void> {
    await http.post('/api/auth/logout');
    this.#set(null);
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const body: ChangePasswordInput = { currentPassword, newPassword };
    await http.post('/api/auth/password', body);
    // The api clears mustChangePassword and may rotate the session/CSRF token: re-read it.
    await this.refresh();
  }

  #set(session: SessionDto | null): void {
    this.current = session;
    setCsrfToken(session?.csrfToken ?? null);
  }
}

export const session = new SessionState();
