package io.fieldsync.accounting.sandbox.xero.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.xero.wire.XeroDates;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /connections} (optionally {@code ?authEventId=}) and {@code DELETE /connections/{id}} of the identity
 * spec. Paths are matched without case, as on api.xero.com (the spec writes {@code /Connections}). An unknown
 * connection is a bare 404, as the spec declares it.
 */
public final class ConnectionsEndpoint {

    private final BearerAuthentication authentication;
    private final Connections connections;

    public ConnectionsEndpoint(BearerAuthentication authentication, Connections connections) {
        this.authentication = authentication;
        this.connections = connections;
    }

    /** @param rest the path after the connections prefix: "" or "/{id}" */
    public ApiResponse handle(HttpCall call, String rest) {
        BearerAuthentication.Outcome auth = authentication.authenticate(call);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        AccessToken token = auth.token();
        String id = rest.startsWith("/") ? rest.substring(1) : rest;
        if (id.isEmpty() && "GET".equals(call.method())) {
            Optional<String> authEventId = call.query().first("authEventId");
            ArrayNode list = SandboxJson.array();
            connections.of(token.clientId(), token.userId()).stream()
                    .filter(c -> authEventId.isEmpty() || c.authEventId().toString().equalsIgnoreCase(authEventId.get()))
                    .forEach(c -> list.add(render(c)));
            return ApiResponse.json(200, list);
        }
        if (!id.isEmpty() && "DELETE".equals(call.method())) {
            try {
                return connections.remove(token.clientId(), token.userId(), UUID.fromString(id))
                        ? ApiResponse.empty(204) : ApiResponse.empty(404);
            } catch (IllegalArgumentException notUuid) {
                return ApiResponse.empty(404);
            }
        }
        return XeroErrors.methodNotAllowed();
    }

    private static ObjectNode render(Connection c) {
        ObjectNode node = SandboxJson.object();
        node.put("id", c.id().toString());
        node.put("authEventId", c.authEventId().toString());
        node.put("tenantId", c.tenantId().toString());
        node.put("tenantType", c.tenantType());
        node.put("tenantName", c.tenantName());
        node.put("createdDateUtc", XeroDates.connectionTimestamp(c.created()));
        node.put("updatedDateUtc", XeroDates.connectionTimestamp(c.updated()));
        return node;
    }
}
