package io.fieldsync.accounting.sandbox.xero;

/**
 * Where each of Xero's hosts lives under the sandbox's one base URL, so that a client configured with base URLs
 * reaches the sandbox exactly as it reaches Xero:
 * <pre>
 *   https://login.xero.com      →  {base}{login}      (…/identity/connect/authorize)
 *   https://identity.xero.com   →  {base}{identity}   (…/connect/token, …/connect/revocation)
 *   https://api.xero.com        →  {base}{apiRoot}    (…/api.xro/2.0/…, …/connections)
 * </pre>
 * Each prefix is empty or starts with '/' and has no trailing '/'.
 */
public record XeroPaths(String login, String identity, String apiRoot) {

    public XeroPaths {
        login = normalise(login);
        identity = normalise(identity);
        apiRoot = normalise(apiRoot);
    }

    public static XeroPaths defaults() {
        return new XeroPaths("/login", "/identity", "");
    }

    public String authorize() {
        return login + "/identity/connect/authorize";
    }

    public String token() {
        return identity + "/connect/token";
    }

    public String revocation() {
        return identity + "/connect/revocation";
    }

    public String discovery() {
        return identity + "/.well-known/openid-configuration";
    }

    public String connections() {
        return apiRoot + "/connections";
    }

    public String accounting() {
        return apiRoot + "/api.xro/2.0";
    }

    private static String normalise(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        String p = prefix.startsWith("/") ? prefix : "/" + prefix;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
