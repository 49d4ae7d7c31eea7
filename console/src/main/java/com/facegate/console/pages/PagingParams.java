package com.facegate.console.pages;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** Query parameters that are numbers: absent gives the default, garbage a 400 naming the parameter. */
final class PagingParams {
    private PagingParams() {}

    static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(name + " must be a number");
        }
    }
}
