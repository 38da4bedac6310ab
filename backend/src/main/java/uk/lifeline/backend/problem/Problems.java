package uk.lifeline.backend.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details: the one place that decides what a problem body holds. Stateless. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail, String path, List<FieldProblem> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        problem.setProperty("code", type.slug());
        if (!fields.isEmpty()) {
            problem.setProperty("errors", fields);
        }
        return problem;
    }
}
