package dev.berth.support;

import java.util.Set;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import org.springframework.stereotype.Component;

/** Makes {@link Formats} available to every template as {@code #formats}, like {@code #temporals}. */
@Component
public class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

	private static final Formats FORMATS = new Formats();

	FormatsDialect() {
		super("berth-formats");
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of("formats");
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return FORMATS;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}

		};
	}

}
