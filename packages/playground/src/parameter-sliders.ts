import type { ValidatedModel } from '@synapticflow/core';

/** Slider range around a default: zero up for positive parameters, ± the default's size otherwise. */
function rangeOf(value: number, constraint: string | undefined): { min: number; max: number; step: number } {
  const size = Math.max(Math.abs(value), 1);
  const min = constraint === 'positive' || constraint === 'nonnegative' ? 0 : value - 2 * size;
  return { min, max: value + 2 * size, step: size / 100 };
}

/** A slider per numeric parameter, labelled with its unit; moving one sets `params[name]`. */
export function parameterSliders(
  fieldset: HTMLElement,
  model: ValidatedModel,
  params: Record<string, number>,
  onChange: () => void,
): void {
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(...(legend ? [legend] : []));
  for (const [name, parameter] of model.parameters) {
    if (typeof parameter.default !== 'number') continue;
    const value = params[name] ?? parameter.default;
    const { min, max, step } = rangeOf(parameter.default, parameter.constraint);
    const label = document.createElement('label');
    label.className = 'param';
    const slider = Object.assign(document.createElement('input'), {
      type: 'range',
      name,
      min: String(min),
      max: String(max),
      step: String(step),
      value: String(value),
    });
    const shown = document.createElement('output');
    const unit = parameter.unit ? ` ${parameter.unit}` : '';
    shown.textContent = `${value}${unit}`;
    slider.addEventListener('input', () => {
      params[name] = Number(slider.value);
      shown.textContent = `${slider.value}${unit}`;
      onChange();
    });
    label.append(`${name} `, slider, ' ', shown);
    label.title = parameter.description ?? '';
    fieldset.append(label);
  }
}
