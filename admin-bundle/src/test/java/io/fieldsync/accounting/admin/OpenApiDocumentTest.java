package io.fieldsync.accounting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OpenAPI document describes exactly the routes the servlet answers. */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path keys;

    @Test
    void everyRouteTheServletAnswersIsInTheDocumentAndTheDocumentHasNoOther() throws Exception {
        Set<String> answered = new TreeSet<>();
        try (AdminApiFixture api = new AdminApiFixture(keys)) {
            api.servlet.routes().routes().forEach(route -> answered.add(route.method() + " " + route.template()));
        }
        answered.add("GET " + AdminApiServlet.OPENAPI);

        assertThat(documented()).isEqualTo(answered);
    }

    @Test
    void theDocumentIsValidOpenApiThatResolvesEveryReference() {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(ApiClient.openApiDocument(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyStateChangingOperationDeclaresTheCsrfTokenAndEveryOtherOneALoginExceptTheDocumentItself() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(ApiClient.openApiDocument()).path("paths");
        for (Iterator<String> names = paths.fieldNames(); names.hasNext();) {
            String path = names.next();
            for (Iterator<String> methods = paths.path(path).fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (!HTTP_METHODS.contains(method)) {
                    continue;
                }
                JsonNode security = paths.path(path).path(method).path("security");
                if (method.equals("get")) {
                    assertThat(security.isMissingNode() || path.equals(AdminApiServlet.OPENAPI)).as(method + " " + path).isTrue();
                } else {
                    assertThat(security.toString()).as(method + " " + path).contains("csrfToken");
                }
            }
        }
    }

    private static Set<String> documented() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(ApiClient.openApiDocument()).path("paths");
        Set<String> documented = new TreeSet<>();
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method)) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }));
        return documented;
    }
}
