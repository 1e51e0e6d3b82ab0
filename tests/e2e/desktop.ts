import { type ChildProcess, execFileSync, spawn } from 'node:child_process';

/**
 * A virtual X display (Xvfb) for the few tests that must answer the browser's own dialogs, such
 * as the permission prompt of permissions.request: those are native windows that no page API
 * reaches, so the test presses keys on the display (xdotool), as a user would.
 */

export interface Display {
  name: string;
  press(...keys: string[]): void;
  stop(): void;
}

function need(command: string, pkg: string): void {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
  } catch {
    throw new Error(`This test needs ${command}. Install it with: sudo apt-get install -y ${pkg}`);
  }
}

export async function startDisplay(): Promise<Display> {
  need('Xvfb', 'xvfb');
  need('xdotool', 'xdotool');
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const name = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb did not start')), 10000);
    const fd = xvfb.stdio[3];
    let text = '';
    fd?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.on('exit', () => reject(new Error('Xvfb exited')));
  });
  return {
    name,
    press(...keys) {
      for (const key of keys) execFileSync('xdotool', ['key', key], { env: { ...process.env, DISPLAY: name } });
    },
    stop() {
      xvfb.kill();
    },
  };
}
