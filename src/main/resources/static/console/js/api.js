// The console's only way to the server: the public GraphQL API, with the signed-in token in the Authorization header.
// The token is kept in sessionStorage: gone when the browser tab closes, never in a URL.

const KEY = 'fedcmdb.token';

export const session = {
  token: () => window.sessionStorage.getItem(KEY),
  set: t => window.sessionStorage.setItem(KEY, t),
  clear: () => window.sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

let onUnauthenticated = () => {};
export function whenUnauthenticated(fn) {
  onUnauthenticated = fn;
}

export async function gql(query, variables, token) {
  const t = token || session.token();
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        Authorization: 'Bearer ' + t,
      },
      body: JSON.stringify({ query, variables: variables || {} }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError('NETWORK', 'The server did not answer: ' + e.message);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    throw new ApiError('HTTP_' + res.status, 'The server answered ' + res.status + ' without a JSON body');
  }
  if (res.status === 401 || (body.errors && body.errors.some(e => code(e) === 'UNAUTHENTICATED'))) {
    if (!token) onUnauthenticated();
    throw new ApiError('UNAUTHENTICATED', (body.message || (body.errors && body.errors[0].message)) || 'Sign in again');
  }
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    throw new ApiError(code(e) || 'ERROR', e.message);
  }
  if (!res.ok) {
    throw new ApiError(body.code || 'HTTP_' + res.status, body.message || 'HTTP ' + res.status);
  }
  return body.data;
}

function code(e) {
  return e.extensions && (e.extensions.code || e.extensions.classification);
}
