package com.facegate.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** Renders the precompiled jte templates (src/main/jte, compiled by jte-maven-plugin; no compiler at run time). */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} with the page frame's {@link View} plus {@code params} (name, value pairs). */
    public void render(Context ctx, String template, String title, String section, Object... params) {
        Map<String, Object> model = new HashMap<>();
        String notice = ctx.queryParam("notice");
        model.put("view", new View(title, section, Guard.session(ctx), notice == null || notice.isBlank() ? null
                : notice.length() > 200 ? notice.substring(0, 200) : notice));
        for (int i = 0; i < params.length; i += 2) {
            model.put((String) params[i], params[i + 1]);
        }
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        ctx.html(out.toString());
    }

    /** A page part without the frame (what the live feed fetches). */
    public void fragment(Context ctx, String template, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        ctx.html(out.toString());
    }
}
