import { z } from 'zod';

// The server's Content-Security-Policy forbids eval. Zod would probe for it (`Function('')`) the
// first time a schema parses, and the browser reports that probe as a CSP violation; jitless mode
// parses the same way without generating code.
z.config({ jitless: true });
