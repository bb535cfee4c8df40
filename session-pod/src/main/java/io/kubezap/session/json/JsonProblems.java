package io.kubezap.session.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Says what is wrong with a request body in the API's own words: Jackson's messages name Java types. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static String detail(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return "The request body is not valid JSON" + at(e.getLocation());
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return "The request body could not be read as JSON";
        }
        String field = field(mapping);
        if (e instanceof InvalidFormatException invalid && StrictJson.NUL_MESSAGE.equals(invalid.getOriginalMessage())) {
            return "Field '" + field + "' " + StrictJson.NUL_MESSAGE;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + field + "'";
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return "The request body has more data after its JSON value" + at(e.getLocation());
        }
        if (e instanceof MismatchedInputException && !field.isEmpty()) {
            return "Field '" + field + "' has the wrong type";
        }
        return field.isEmpty() ? "The request body must be a JSON object with this endpoint's fields"
                : "Field '" + field + "' has a value this endpoint cannot take";
    }

    /** {@code mentions[2]} or {@code media.url}; empty for the body itself. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
