import { backendError } from './testUtils/backendError';
import { errorMessage } from './errorMessage';

describe('errorMessage', () => {
  it("shows the backend's message of a failed request, with its status", async () => {
    expect(errorMessage(await backendError(503, 'database is down'))).toBe(
      'database is down (HTTP 503)',
    );
    expect(
      errorMessage({
        name: 'ResponseError',
        message: 'Request failed with 503',
        cause: { message: 'database is down' },
      }),
    ).toBe('database is down');
  });

  it("shows any other error's message, or the value itself", () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('odd')).toBe('odd');
  });
});
