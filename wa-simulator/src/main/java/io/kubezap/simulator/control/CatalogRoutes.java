package io.kubezap.simulator.control;

import io.kubezap.simulator.stream.Catalogs;

import java.util.List;

/** The control API's catalogs: a business phone's owner sets its products (as in the Business app) and reads them back. */
final class CatalogRoutes {
    private static final String PHONE_CATALOG = "/api/phones/([0-9]+)/catalog";

    record CatalogBody(List<Catalogs.Product> products) {
    }

    private CatalogRoutes() {
    }

    static List<Route> routes(Catalogs catalogs, GroupRoutes.BodyReader reader) {
        return List.of(
                Route.of("PUT", PHONE_CATALOG, (parameters, body) -> {
                    var products = reader.read(body, CatalogBody.class).products();
                    if (products == null) {
                        throw new IllegalArgumentException("products (a list) is required");
                    }
                    return ApiResponse.ok(new CatalogBody(catalogs.set(parameters.get(0), products)));
                }),
                Route.of("GET", PHONE_CATALOG, (parameters, body) -> ApiResponse.ok(new CatalogBody(catalogs.of(parameters.get(0))))));
    }
}
