package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks a JSON request body against the Bean Validation annotations on its record components ({@code @NotNull},
 * {@code @NotBlank}, {@code @Size}, descending into components marked {@code @Valid}) and refuses it with every
 * breach as a field error. Hibernate Validator did this until its start-up cost ~0.2 s of every pod start for
 * these three constraints (docs/decisions/0016-request-constraints-without-hibernate-validator.md); the annotations
 * stay the one definition, read here and by the OpenAPI document. Any other constraint annotation fails loudly rather
 * than being ignored.
 */
public final class BodyConstraints {

    private static final Set<Class<? extends Annotation>> CHECKED = Set.of(NotNull.class, NotBlank.class, Size.class, Valid.class);
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Component.of(type);
        }
    };

    private BodyConstraints() {
    }

    /** The body itself, when present and within its constraints; otherwise a 400 naming each field. */
    public static <T extends Record> T check(T body) {
        if (body == null) {
            throw ApiException.invalid("body", "is required: a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        checkRecord(body, "", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return body;
    }

    private static void checkRecord(Record body, String prefix, List<FieldError> errors) {
        for (Component component : COMPONENTS.get(body.getClass())) {
            String field = prefix + component.name();
            Object value = component.valueOf(body);
            for (Annotation constraint : component.constraints()) {
                checkOne(constraint, field, value, errors);
            }
        }
    }

    private static void checkOne(Annotation annotation, String field, Object value, List<FieldError> errors) {
        switch (annotation) {
            case NotNull notNull when value == null -> errors.add(new FieldError(field, "must not be null"));
            case NotBlank notBlank when value == null || value.toString().isBlank() -> errors.add(new FieldError(field, "must not be blank"));
            case Size size when value != null -> checkSize(size, field, value, errors);
            case Valid valid when value != null -> cascade(field, value, errors);
            default -> {
            }
        }
    }

    private static void checkSize(Size size, String field, Object value, List<FieldError> errors) {
        int length = switch (value) {
            case CharSequence text -> text.length();
            case Collection<?> items -> items.size();
            default -> throw new IllegalStateException("@Size on " + field + " of a " + value.getClass().getSimpleName());
        };
        String unit = value instanceof CharSequence ? " characters" : " items";
        if (length > size.max()) {
            errors.add(new FieldError(field, "must be at most " + size.max() + unit));
        } else if (length < size.min()) {
            errors.add(new FieldError(field, "must be at least " + size.min() + unit));
        }
    }

    private static void cascade(String field, Object value, List<FieldError> errors) {
        if (value instanceof Record nested) {
            checkRecord(nested, field + ".", errors);
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Record element) {
                    checkRecord(element, field + "[" + i + "].", errors);
                }
            }
        }
    }

    /** A record component's name, accessor and constraint annotations, read once per record type. */
    private record Component(String name, Method accessor, List<Annotation> constraints) {

        static List<Component> of(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Component::of).toList();
        }

        // the constraints do not target record components: the compiler puts them on the accessor
        private static Component of(RecordComponent component) {
            List<Annotation> constraints = Arrays.stream(component.getAccessor().getAnnotations())
                    .filter(a -> a.annotationType().getPackageName().startsWith("jakarta.validation")).toList();
            constraints.stream().filter(a -> !CHECKED.contains(a.annotationType())).findFirst().ifPresent(unknown -> {
                throw new IllegalStateException("@" + unknown.annotationType().getSimpleName() + " on " + component.getName()
                        + " is not checked by " + BodyConstraints.class.getSimpleName());
            });
            return new Component(component.getName(), component.getAccessor(), constraints);
        }

        Object valueOf(Record body) {
            try {
                return accessor.invoke(body);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name + " of " + body.getClass().getSimpleName(), e);
            }
        }
    }
}
