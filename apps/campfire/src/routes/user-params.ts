import { z } from "zod";

// `user[name, email_address, password]`, as first run and the join page post them. The avatar field
// is accepted and ignored until uploads exist.
export const userParamsSchema = z
  .object({
    "user[name]": z.string().trim().min(1),
    "user[email_address]": z.string().trim().min(1),
    "user[password]": z.string().min(1),
  })
  .transform((params) => ({
    name: params["user[name]"],
    emailAddress: params["user[email_address]"],
    password: params["user[password]"],
  }));
