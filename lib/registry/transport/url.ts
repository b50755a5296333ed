import { registryApiHost } from '../reference';
import type { RegistrySettings } from './types';

/** Returns the API base URL for registry settings (Docker Hub: https://registry-1.docker.io). */
export function registryBaseUrl(settings: RegistrySettings): URL {
  return new URL(`${settings.scheme}://${settings.apiHost ?? registryApiHost(settings.host)}`);
}
