// Credential formats with a recognizable shape, as facts from gitleaks' maintained rule set: config/gitleaks.toml
// of github.com/gitleaks/gitleaks (read at commit 009e025ad4106ab333aa0b9dc4f2a884390d134c). Each line names the
// gitleaks rule id it comes from. Where gitleaks pins an exact length, the shape is kept but the length is a lower
// bound (a truncated or longer token is still a token), and JavaScript needs explicit character classes where
// gitleaks uses inline (?i). Context-dependent credentials (passwords, AWS secret keys, URL passwords) have no
// shape of their own: secrets.ts finds those by the name they are assigned to.

/** One alternation of every token format; every branch starts with a literal prefix, so matching stays linear. */
export const TOKEN_FORMATS = new RegExp(
  [
    String.raw`\bsk-ant-(?:api|admin|oat|sid)\d\d-[A-Za-z0-9_-]{20,}`, // anthropic-api-key, anthropic-admin-api-key
    String.raw`\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}`, // openai-api-key
    String.raw`\bsk-[A-Za-z0-9]{20,}`, // openai-api-key (legacy sk-…T3BlbkFJ…) and other sk- keys
    String.raw`\b[sr]k_(?:test|live|prod)_[A-Za-z0-9]{10,99}`, // stripe-access-token
    String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}`, // github-pat, github-oauth, github-app-token, github-refresh-token
    String.raw`\bgithub_pat_\w{22,}`, // github-fine-grained-pat
    String.raw`\bgl(?:pat|dt|ft|rt|soat|imt|ffct|oas|agent)-[\w-]{20,}`, // gitlab-pat, -deploy-token, -feed-token, -runner-…, -scim-token, …
    String.raw`\bglcbt-[0-9A-Za-z]{1,5}_[\w-]{20,}`, // gitlab-cicd-job-token
    String.raw`\bglptt-[0-9a-f]{40}`, // gitlab-ptt
    String.raw`\bGR1348941[\w-]{20,}`, // gitlab-rrt
    String.raw`\bhf_[A-Za-z]{34,}`, // huggingface-access-token
    String.raw`\bapi_org_[A-Za-z]{34,}`, // huggingface-organization-api-token
    String.raw`\b[Nn][Pp][Mm]_[A-Za-z0-9]{36,}`, // npm-access-token
    String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`, // aws-access-token
    String.raw`\bAIza[\w-]{35}`, // gcp-api-key
    String.raw`\bxox[abposre]-[A-Za-z0-9-]{10,}`, // slack-bot-token, -user-token, -legacy-*, -config-*
    String.raw`\bxapp-\d-[A-Za-z0-9]+-\d+-[a-z0-9]+`, // slack-app-token
    String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,}`, // slack-webhook-url
    String.raw`\bey[A-Za-z0-9]{17,}\.ey[A-Za-z0-9/\\_-]{17,}\.(?:[A-Za-z0-9/\\_-]{10,}={0,2})?`, // jwt
    String.raw`\bSG\.[\w.=-]{66}`, // sendgrid-api-token
    String.raw`\bSK[0-9a-fA-F]{32}\b`, // twilio-api-key
    String.raw`\bdo[opr]_v1_[a-f0-9]{64}`, // digitalocean-pat, -access-token, -refresh-token
    String.raw`\bdapi[a-f0-9]{32}`, // databricks-api-token
    String.raw`\bpypi-AgEIcHlwaS5vcmc[\w-]{50,}`, // pypi-upload-token
    String.raw`\bhv[sb]\.[\w-]{90,}`, // vault-service-token, vault-batch-token
    String.raw`\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`, // grafana-service-account-token
    String.raw`\bglc_[A-Za-z0-9+/]{32,}`, // grafana-cloud-api-token
    String.raw`\beyJrIjoi[A-Za-z0-9]{70,}`, // grafana-api-key
    String.raw`\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, // shopify-*
    String.raw`\bpplx-[A-Za-z0-9]{48}`, // perplexity-api-key
    String.raw`\blin_api_[A-Za-z0-9]{40}`, // linear-api-key
    String.raw`\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}`, // postman-api-token
    String.raw`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`, // age-secret-key
    String.raw`\bATATT3[A-Za-z0-9_=-]{186}`, // atlassian-api-token
    String.raw`\bntn_\d{11}[A-Za-z0-9]{35}`, // notion-api-token
    String.raw`\bpul-[a-f0-9]{40}`, // pulumi-api-token
    String.raw`\brubygems_[a-f0-9]{48}`, // rubygems-api-token
    String.raw`\bsntryu_[a-f0-9]{64}`, // sentry-user-token
    String.raw`\bHRKU-AA[\w-]{58}`, // heroku-api-key-v2
    String.raw`\bpscale_(?:tkn|oauth|pw)_[\w=.-]{32,64}`, // planetscale-api-token, -oauth-token, -password
    String.raw`\bxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}`, // sendinblue-api-token
    String.raw`\bdp\.pt\.[A-Za-z0-9]{43}`, // doppler-api-token
    String.raw`\bAKCp[A-Za-z0-9]{69}`, // artifactory-api-key
    String.raw`\bops_eyJ[A-Za-z0-9+/]{250,}`, // 1password-service-account-token
    String.raw`\bdt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}`, // dynatrace-api-token
    String.raw`\bLTAI[A-Za-z0-9]{20}`, // alibaba-access-key-id
  ].join('|'),
  'g',
);

/** PEM private key blocks (gitleaks rule private-key): from BEGIN to END, or to the end of the text when cut. */
export const PRIVATE_KEY_BEGIN = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
export const PRIVATE_KEY_END = /-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * Words a field, variable or header name ends with when its value is a credential (the keyword lists of gitleaks'
 * generic-api-key and database-password rules, narrowed to the name's last word so `max_tokens`, `token_count`,
 * `secret_name` or `password_policy` stay readable).
 */
export const SECRET_NAME_ENDINGS = ['password', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'credential', 'credentials', 'authorization', 'cookie', 'auth'];
/** `<word> key` names holding credentials (api key, access key, secret key, private key…). */
export const KEY_QUALIFIERS = ['api', 'access', 'secret', 'private', 'client', 'signing', 'encryption', 'master', 'auth', 'account', 'session'];
