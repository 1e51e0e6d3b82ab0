// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SURFACE_KEY } from '../../../background/surfaces';
import { SurfacePreference } from '../../../components/SurfacePreference';

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.commands.getAll = async () => [
    { name: '_execute_action', shortcut: 'Alt+Shift+O', description: '' },
    { name: 'toggle-overlay', shortcut: '', description: '' },
  ];
});
afterEach(cleanup);

describe('"Open PlanLens as" on the settings page', () => {
  it('shows the stored choice, saves a new one where the background reads it, and names the shortcuts', async () => {
    await fakeBrowser.storage.local.set({ [SURFACE_KEY]: 'inPage' });
    render(<SurfacePreference />);
    const inPage = screen.getByRole('radio', { name: 'Panel inside the page' }) as HTMLInputElement;
    const side = screen.getByRole('radio', { name: /Side panel of the browser/ }) as HTMLInputElement;
    await waitFor(() => expect(inPage.checked).toBe(true));
    expect(side.checked).toBe(false);
    expect(screen.getByRole('group', { name: 'Open PlanLens as' })).toBeTruthy();
    await waitFor(() =>
      expect(
        screen.getByText(
          'Keyboard: Alt+Shift+O opens PlanLens the same way; (no shortcut set) shows or hides the in-page panel.',
          { exact: false },
        ),
      ).toBeTruthy(),
    );

    fireEvent.click(side);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect(await fakeBrowser.storage.local.get(SURFACE_KEY)).toEqual({ [SURFACE_KEY]: 'sidePanel' });
    expect(side.checked).toBe(true);
  });

  it('starts on the side panel when nothing (or something unknown) is stored', async () => {
    await fakeBrowser.storage.local.set({ [SURFACE_KEY]: '<img src=x onerror=alert(1)>' });
    render(<SurfacePreference />);
    const side = screen.getByRole('radio', { name: /Side panel of the browser/ }) as HTMLInputElement;
    await waitFor(() => expect(side.checked).toBe(true));
    expect(document.querySelector('img')).toBeNull();
  });
});
