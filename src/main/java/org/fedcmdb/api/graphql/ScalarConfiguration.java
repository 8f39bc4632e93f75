package org.fedcmdb.api.graphql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The two scalars the schema needs. graphql-java-extended-scalars would provide them, but no release built against
 * graphql-java 25 (Boot 4.0's) is available here, so these two small coercings are written out; swap them for the
 * library when it catches up.
 */
@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return wiring -> wiring.scalar(dateTime()).scalar(json());
	}

	static GraphQLScalarType dateTime() {
		return GraphQLScalarType.newScalar().name("DateTime").description("An ISO-8601 instant, e.g. 2026-11-27T04:00:00Z")
			.coercing(new Coercing<Object, String>() {
				@Override
				public String serialize(Object value, GraphQLContext ctx, java.util.Locale locale) {
					if (value instanceof Instant i) {
						return i.toString();
					}
					if (value instanceof OffsetDateTime o) {
						return o.toInstant().toString();
					}
					if (value instanceof Long l) {
						return Instant.ofEpochMilli(l).toString();
					}
					if (value instanceof String s) {
						return s;
					}
					throw new CoercingSerializeException("Not a DateTime: " + value);
				}

				@Override
				public Object parseValue(Object input, GraphQLContext ctx, java.util.Locale locale) {
					if (input instanceof String s) {
						return parse(s, CoercingParseValueException::new);
					}
					throw new CoercingParseValueException("DateTime must be an ISO-8601 string");
				}

				@Override
				public Object parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx,
						java.util.Locale locale) {
					if (input instanceof StringValue s) {
						return parse(s.getValue(), CoercingParseLiteralException::new);
					}
					throw new CoercingParseLiteralException("DateTime must be an ISO-8601 string");
				}
			})
			.build();
	}

	private static Instant parse(String s, java.util.function.Function<String, RuntimeException> error) {
		try {
			return OffsetDateTime.parse(s).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex2) {
				throw error.apply("Invalid DateTime '" + s + "': use ISO-8601, e.g. 2026-11-27T04:00:00Z");
			}
		}
	}

	static GraphQLScalarType json() {
		return GraphQLScalarType.newScalar().name("JSON").description("Any JSON value")
			.coercing(new Coercing<Object, Object>() {
				@Override
				public Object serialize(Object value, GraphQLContext ctx, java.util.Locale locale) {
					return value;
				}

				@Override
				public Object parseValue(Object input, GraphQLContext ctx, java.util.Locale locale) {
					return input;
				}

				@Override
				public Object parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx,
						java.util.Locale locale) {
					return literal(input, vars);
				}
			})
			.build();
	}

	private static Object literal(Value<?> v, CoercedVariables vars) {
		if (v instanceof StringValue s) {
			return s.getValue();
		}
		if (v instanceof IntValue i) {
			return i.getValue();
		}
		if (v instanceof FloatValue f) {
			return f.getValue();
		}
		if (v instanceof BooleanValue b) {
			return b.isValue();
		}
		if (v instanceof NullValue) {
			return null;
		}
		if (v instanceof VariableReference r) {
			return vars.get(r.getName());
		}
		if (v instanceof ArrayValue a) {
			return a.getValues().stream().map(x -> literal(x, vars)).toList();
		}
		if (v instanceof ObjectValue o) {
			Map<String, Object> m = new LinkedHashMap<>();
			o.getObjectFields().forEach(f -> m.put(f.getName(), literal(f.getValue(), vars)));
			return m;
		}
		return List.of();
	}

}
