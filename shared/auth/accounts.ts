import { z } from 'zod';
import { isFieldRole, ROLES, type Role } from '../roles';

/** Roles a person can hold; machine roles (intake, the wall's kiosk) belong to keys. */
export const USER_ROLES = ['seat', 'lead', 'manager', 'admin', 'wall', 'responder', 'evaluator'] as const satisfies readonly Role[];
/** intake: the 12345 platform's X-Api-Key. wall: a kiosk token for the wall-screen URL. */
export const KEY_ROLES = ['intake', 'wall'] as const satisfies readonly Role[];

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, . - and _ only');

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const userCreateSchema = z
  .strictObject({
    username: usernameSchema,
    /** 10+ characters: the Center's machines are on an internal network, but leads share rooms. */
    password: z.string().min(10, 'at least 10 characters').max(200),
    role: z.enum(USER_ROLES),
    /** A responder or evaluator logs in as this staff member (same post); other roles have none. */
    staffId: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((user, issues) => {
    if (isFieldRole(user.role) && !user.staffId) {
      issues.addIssue({ code: 'custom', path: ['staffId'], message: `required for the ${user.role} role` });
    }
    if (!isFieldRole(user.role) && user.staffId) {
      issues.addIssue({ code: 'custom', path: ['staffId'], message: 'only responders and evaluators are linked to a staff record' });
    }
  });
export type UserCreate = z.infer<typeof userCreateSchema>;

/** An admin sets a new password for someone (who then logs in again everywhere). */
export const passwordResetSchema = z.strictObject({
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/** Disable / enable take no fields; anything sent is refused rather than ignored. */
export const emptyCommandSchema = z.strictObject({});

export const apiKeyCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    role: z.enum(KEY_ROLES),
    /** Intake only: a key for replaying history (`npm run replay`), whose times may be old. */
    historical: z.boolean().default(false),
  })
  .refine((k) => !k.historical || k.role === 'intake', { message: 'only an intake key can be historical', path: ['historical'] });
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

/** Who is logged in, as `GET /api/me` and `POST /api/login` return it. */
export interface Me {
  actor: string;
  role: Role;
  /** Responders and evaluators: the staff record they are. */
  staffId?: string | null;
}

export interface UserView {
  username: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  staffId: string | null;
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  /** An intake key for replaying history: its orders' times may be older than the usual bound. */
  historical: boolean;
}

/** A key as `POST /api/api-keys` answers once: the token in clear, and for a wall key its kiosk URL. */
export type CreatedApiKey = ApiKeyView & { token: string; kioskPath?: string };

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
