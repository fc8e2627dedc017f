/**
 * GitHub's repository permissions, as its collaborator-permission API names them, and the trust each
 * gives: the gate speaks trust, and names the permission in its reasons ("has read permission").
 */
import type { Access } from '../../trigger/types.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none' | 'unknown';

/** Every name the API answers with, `unknown` aside (a custom role's base role is one of these). */
export const GITHUB_PERMISSIONS: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];

export function accessOfPermission(permission: Permission): Access {
  switch (permission) {
    case 'admin':
    case 'maintain':
    case 'write':
      return { trust: 'writer', role: `${permission} permission` };
    case 'triage':
    case 'read':
      return { trust: 'reader', role: `${permission} permission` };
    case 'none':
      return { trust: 'none', role: 'none permission' };
    case 'unknown':
      return { trust: 'unknown', role: 'a permission that could not be read' };
  }
}
