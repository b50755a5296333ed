// Starts the e2e OpenID provider on E2E_OIDC_PORT for the signed-in Manifold (E2E_APP2_PORT),
// and keeps it running until this process is stopped (Playwright's webServer).
import { startOidcProvider } from '../test/support/oidc-provider';

/** Login names of the e2e users and the groups the provider says they are in. */
export const E2E_OIDC_GROUPS: Record<string, string[]> = {
  eve: ['manifold-editors'],
  ada: ['manifold-admins'],
  vic: ['manifold-viewers'],
};

async function main(): Promise<void> {
  const app2 = Number(process.env.E2E_APP2_PORT ?? 3101);
  const provider = await startOidcProvider({
    port: Number(process.env.E2E_OIDC_PORT ?? 5190),
    redirectUris: [`http://127.0.0.1:${app2}/api/auth/oidc/callback`],
    groups: E2E_OIDC_GROUPS,
  });
  console.log(`e2e OpenID provider ready: ${provider.issuer}`);
  const stop = (): void => {
    void provider.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
