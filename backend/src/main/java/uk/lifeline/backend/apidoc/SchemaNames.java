package uk.lifeline.backend.apidoc;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Names a schema after its class, prefixed with the enclosing type for nested records ({@code
 * CodesController.Result} becomes {@code CodesResult}), because many controllers nest a {@code Request} or a
 * {@code Result} and the default simple names would silently merge different bodies into one schema. A nested
 * name that already starts with its enclosing type's feature ({@code TokenController.TokenRequest}) is kept.
 */
final class SchemaNames extends TypeNameResolver {

    @Override
    protected String getNameOfClass(Class<?> cls) {
        String simple = super.getNameOfClass(cls);
        Class<?> outer = cls.getEnclosingClass();
        if (outer == null || !simple.equals(cls.getSimpleName())) {
            return simple; // top-level, or named by an annotation
        }
        String feature = outer.getSimpleName().replaceAll("(Controller|Service|Api)$", "");
        return simple.startsWith(feature) ? simple : feature + simple;
    }
}
