// Berth: small enhancements on top of server-rendered pages. Everything works without this file.
(function () {
  'use strict';

  // Texts come from the message bundles, through the layout's #texts element.
  function text(name) {
    var texts = document.getElementById('texts');
    return (texts && texts.dataset[name]) || '';
  }

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (match, i) {
      return args[i] !== undefined ? args[i] : match;
    });
  }

  function announce(text) {
    var live = document.getElementById('live');
    if (live) {
      live.textContent = '';
      window.setTimeout(function () { live.textContent = text; }, 30);
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand('copy') ? resolve() : reject(new Error('copy refused'));
      } catch (e) {
        reject(e);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  // A command wraps between its words rather than inside one: a flag stays whole ("--tls-" /
  // "verify=false" was a break), a flag stays with its value ("-u carol"), and an image
  // reference breaks only after a "/", ":" or "@", never at the hyphen of "acme-apps". The text,
  // and what Copy copies, stay the same.
  function keepWords(code) {
    if (code.dataset.words || code.children.length) {
      return;
    }
    var words = code.textContent.split(/( +)/);
    code.textContent = '';
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var value = words[i + 2];
      if (/^--?[A-Za-z][-A-Za-z]*$/.test(word) && value && !/^-|[\/@]/.test(value)) {
        word += words[i + 1] + value;
        i += 2;
      }
      if (/[\/@]/.test(word) && word.indexOf(' ') < 0) {
        word.replace(/([\/:@]+)/g, '$1\n').split('\n').forEach(function (piece, n) {
          if (n > 0) {
            code.appendChild(document.createElement('wbr'));
          }
          appendWord(code, piece);
        });
      } else {
        appendWord(code, word);
      }
    }
    code.dataset.words = 'kept';
  }

  function appendWord(code, word) {
    if (word.length > 1 && word.length <= 32 && /[-= ]/.test(word.trim())) {
      var span = document.createElement('span');
      span.className = 'word';
      span.textContent = word;
      code.appendChild(span);
    } else if (word) {
      code.appendChild(document.createTextNode(word));
    }
  }

  // Copy buttons appear only when they can work.
  function enhance(root) {
    root.querySelectorAll('button.copy[hidden]').forEach(function (button) { button.hidden = false; });
    root.querySelectorAll('.copy-field code').forEach(keepWords);
    root.querySelectorAll('[data-count]').forEach(function (field) { updateCount(field); });
    root.querySelectorAll('input[data-date]').forEach(addCalendar);
  }

  // A date field takes ISO text (YYYY-MM-DD, as the tables show dates, whatever the browser's
  // language). Beside it, a calendar button opens the browser's own date picker, which writes the
  // chosen day back as ISO text.
  var CALENDAR = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">'
      + '<rect x="2.5" y="4" width="15" height="13.5" rx="2" fill="none" stroke="currentColor" stroke-width="1.6"/>'
      + '<path d="M2.5 8h15M6.5 2.5v3M13.5 2.5v3" stroke="currentColor" stroke-width="1.6" fill="none"/></svg>';

  function addCalendar(field) {
    if (field.dataset.calendar) {
      return;
    }
    field.dataset.calendar = 'true';
    // The day a field holds is one value: clicking or tabbing into it selects it whole, so that
    // typing another day replaces it (typed after it, the day was silently cut off at the length).
    var selecting = false;
    field.addEventListener('focus', function () {
      field.select();
      selecting = true;
    });
    field.addEventListener('mouseup', function (event) {
      if (selecting) {
        event.preventDefault();
      }
      selecting = false;
    });
    var picker = document.createElement('input');
    picker.type = 'date';
    picker.className = 'date-picker';
    picker.tabIndex = -1;
    picker.setAttribute('aria-hidden', 'true');
    if (field.dataset.min) {
      picker.min = field.dataset.min;
    }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-small btn-ghost date-button';
    button.innerHTML = CALENDAR;
    var label = field.getAttribute('aria-label') || (field.labels && field.labels[0] && field.labels[0].textContent.trim()) || '';
    button.setAttribute('aria-label', format(text('pickDate'), label));
    button.title = button.getAttribute('aria-label');
    button.disabled = field.disabled;
    button.addEventListener('click', function () {
      picker.value = /^\d{4}-\d{2}-\d{2}$/.test(field.value.trim()) ? field.value.trim() : '';
      try {
        picker.showPicker();
      }
      catch (e) {
        picker.focus();
        picker.click();
      }
    });
    picker.addEventListener('change', function () {
      if (picker.value) {
        field.value = picker.value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.focus();
      }
    });
    var holder = document.createElement('span');
    holder.className = 'date-pick';
    holder.appendChild(button);
    holder.appendChild(picker);
    // The field and its button side by side, wherever the form puts the field.
    var row = document.createElement('span');
    row.className = 'date-field';
    field.insertAdjacentElement('beforebegin', row);
    row.appendChild(field);
    row.appendChild(holder);
  }

  // The calendar button follows its field: disabled with it.
  function syncCalendar(field) {
    var holder = field.nextElementSibling;
    if (holder && holder.classList.contains('date-pick')) {
      holder.querySelector('button').disabled = field.disabled;
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.copy');
    if (!button) {
      return;
    }
    // The text to copy: the button's own (a full digest shown shortened) or its target's.
    var source = button.dataset.copyTarget && document.getElementById(button.dataset.copyTarget);
    var value = button.dataset.copyText || (source && source.textContent.trim());
    if (!value) {
      return;
    }
    var label = button.querySelector('span') || button;
    copyText(value).then(function () {
      button.classList.add('copied');
      label.textContent = text('copied');
      announce(format(text('copiedAnnounce'), value));
      window.setTimeout(function () {
        button.classList.remove('copied');
        label.textContent = text('copy');
      }, 2000);
    }, function () {
      announce(text('copyFailed'));
    });
  });

  // Live character count (characters as a person counts them, emoji included).
  function updateCount(field) {
    var target = document.getElementById(field.dataset.count);
    if (!target) {
      return;
    }
    var max = field.dataset.max || field.getAttribute('maxlength') || '1000';
    var count = Array.from(field.value).length;
    target.textContent = format(text('chars'), count, max);
    target.classList.toggle('field-error', count > Number(max));
  }

  document.addEventListener('input', function (event) {
    if (event.target.matches('[data-count]')) {
      updateCount(event.target);
    }
  });

  // Server-rendered <dialog> fragments open themselves as modals when swapped in.
  // The element that opened the last dialog gets the focus back when it closes.
  var opener = null;
  document.addEventListener('htmx:beforeRequest', function (event) {
    var elt = event.detail.elt;
    if (!elt.closest('dialog')) {
      // A form's request was started by its button, which gets the focus back.
      var active = document.activeElement;
      opener = (elt.tagName === 'FORM' && active && elt.contains(active)) ? active : elt;
    }
  });

  function openDialogs(root) {
    var dialogs = Array.from(root.querySelectorAll('dialog[data-open]'));
    if (root.matches && root.matches('dialog[data-open]')) {
      dialogs.push(root);
    }
    dialogs.forEach(function (dialog) {
      if (!dialog.open) {
        dialog.showModal();
      }
    });
  }

  function returnFocus() {
    if (opener && document.body.contains(opener)) {
      opener.focus();
    }
  }

  // "Permanently valid" makes the Valid Until date irrelevant: disable it while ticked.
  function syncPermanent(root) {
    root.querySelectorAll('input#permanent').forEach(function (box) {
      var date = box.closest('fieldset, form').querySelector('input[data-valid-until]');
      if (date) {
        date.disabled = box.checked;
        syncCalendar(date);
      }
    });
  }

  // A part of a form that belongs to one choice (data-enabled-by="the radio's id": the date of
  // "On a date", the organizations of "Some organizations") is disabled while another is chosen.
  function syncChoices(root) {
    root.querySelectorAll('[data-enabled-by]').forEach(function (part) {
      var choice = document.getElementById(part.getAttribute('data-enabled-by'));
      if (choice) {
        part.classList.toggle('is-disabled', !choice.checked);
        part.querySelectorAll('input, select, textarea, button').forEach(function (control) {
          control.disabled = !choice.checked;
        });
      }
    });
    // A choice that another one rules out (data-disabled-by="that radio's id"): "Pull and push" while
    // "Only images shared with the account", which pull only, is chosen. Its first sibling takes over.
    root.querySelectorAll('input[data-disabled-by]').forEach(function (control) {
      var choice = document.getElementById(control.getAttribute('data-disabled-by'));
      control.disabled = !!(choice && choice.checked);
      if (control.disabled && control.checked) {
        var first = control.form && control.form.elements[control.name][0];
        if (first && first !== control) {
          first.checked = true;
        }
      }
    });
  }

  document.addEventListener('change', function (event) {
    if (event.target.matches('input#permanent')) {
      syncPermanent(event.target.closest('form') || document);
      // Unticked with no date yet: the date 30 days ahead (the hint's), to change or keep.
      var date = event.target.closest('fieldset, form').querySelector('input[data-valid-until]');
      if (date && !event.target.checked && !date.value && date.dataset.suggested) {
        date.value = date.dataset.suggested;
        date.focus();
        date.select();
      }
    }
    if (event.target.matches('input[type="radio"]')) {
      syncChoices(event.target.closest('form') || document);
    }
  });

  document.addEventListener('click', function (event) {
    var close = event.target.closest('[data-close-dialog]');
    if (close) {
      var dialog = close.closest('dialog');
      if (dialog) {
        event.preventDefault();
        dialog.close();
        dialog.remove();
        returnFocus();
      }
    }
  });

  // Batch share: the selection survives paging, searching and sorting (kept for the browser tab
  // in sessionStorage); the button says how many images it shares and is disabled with none.
  function selectionKey(form) {
    return 'berth.selection.' + form.dataset.selection;
  }

  function readSelection(form) {
    try {
      return JSON.parse(window.sessionStorage.getItem(selectionKey(form)) || '[]');
    } catch (e) {
      return [];
    }
  }

  function writeSelection(form, ids) {
    try {
      window.sessionStorage.setItem(selectionKey(form), JSON.stringify(ids));
    } catch (e) {
      // Storage full or refused: the selection then lasts for this page only.
    }
  }

  function selectionBoxes() {
    return Array.from(document.querySelectorAll('input[form="batch-form"][name="image"]'));
  }

  function showSelection(form, count) {
    var button = document.getElementById('batch-share');
    if (button) {
      button.disabled = count === 0;
      button.textContent = count === 0 ? button.dataset.labelNone
        : count === 1 ? button.dataset.labelOne : format(button.dataset.labelMany, count);
    }
    var clear = document.getElementById('batch-clear');
    if (clear) {
      clear.hidden = count === 0;
    }
  }

  function syncSelection() {
    var form = document.getElementById('batch-form');
    if (!form || !form.dataset.selection) {
      return;
    }
    var selected = readSelection(form);
    selectionBoxes().forEach(function (box) {
      box.checked = !box.disabled && selected.indexOf(box.value) >= 0;
    });
    showSelection(form, selected.length);
  }

  document.addEventListener('change', function (event) {
    var box = event.target;
    var form = document.getElementById('batch-form');
    if (!form || !box.matches('input[form="batch-form"][name="image"]')) {
      return;
    }
    var selected = readSelection(form).filter(function (id) { return id !== box.value; });
    if (box.checked) {
      selected.push(box.value);
    }
    writeSelection(form, selected);
    showSelection(form, selected.length);
  });

  document.addEventListener('click', function (event) {
    if (event.target.closest('#batch-clear')) {
      var form = document.getElementById('batch-form');
      writeSelection(form, []);
      syncSelection();
    }
  });

  // A filter form marked data-compact sends only the filters that are set, so that its address is as
  // short as the pager's links and easy to read and share ("?image=acme-apps%2Fnginx", not six
  // empty fields besides).
  document.addEventListener('formdata', function (event) {
    if (!event.target.matches('form[data-compact]')) {
      return;
    }
    var data = event.formData;
    Array.from(new Set(Array.from(data.keys()))).forEach(function (name) {
      if (data.getAll(name).every(function (value) { return value === ''; })) {
        data.delete(name);
      }
    });
  }, true);

  // The images selected on other pages go with the form too.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.id !== 'batch-form' || !form.dataset.selection) {
      return;
    }
    var onPage = selectionBoxes().map(function (box) { return box.value; });
    readSelection(form).forEach(function (id) {
      if (onPage.indexOf(id) < 0) {
        var hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'image';
        hidden.value = id;
        form.appendChild(hidden);
      }
    });
  });

  // A batch that was shared ends the selection it came from.
  function clearSharedSelection(root) {
    root.querySelectorAll('[data-clear-selection]').forEach(function (el) {
      try {
        window.sessionStorage.removeItem('berth.selection.' + el.dataset.clearSelection);
      } catch (e) {
        // nothing kept
      }
    });
  }

  // A page that answers a form takes the focus to that answer, so that keyboard and screen reader
  // users do not start again at the top: the first marked field, else the message of what was
  // done (the flash, a new token). A field or dialog the page focuses itself keeps it.
  function focusAnswer() {
    var main = document.getElementById('main');
    if (!main || document.querySelector('[autofocus], dialog[data-open]')) {
      return;
    }
    var target = main.querySelector('[aria-invalid="true"]:not([disabled])')
      || main.querySelector('.has-error :is(input, select, textarea):not([type="hidden"]):not([disabled])')
      || main.querySelector('[data-focus-on-load], #main > .flash');
    if (target) {
      target.focus({ preventScroll: false });
    }
  }

  // A row of tabs or menu items that scrolls sideways on a phone shows the current one, and the
  // one the keyboard reaches (clear of the edges' fade, which marks the start once scrolled).
  // (Sideways only: scrollIntoView would also scroll the page down to a row below the screen.)
  var ROW = '.tabs, .sidenav ul';
  var FADE = 32;
  function reveal(row, item) {
    var edges = row.getBoundingClientRect();
    var box = item.getBoundingClientRect();
    if (box.right > edges.right - FADE) {
      row.scrollLeft += box.right - (edges.right - FADE);
    } else if (box.left < edges.left + FADE && row.scrollLeft > 0) {
      row.scrollLeft -= (edges.left + FADE) - box.left;
    }
    row.classList.toggle('is-scrolled', row.scrollLeft > 0);
  }
  function showCurrent(root) {
    root.querySelectorAll(ROW).forEach(function (row) {
      var current = row.querySelector('a[aria-current]');
      if (current && row.scrollWidth > row.clientWidth) {
        reveal(row, current);
      }
    });
  }
  document.addEventListener('focusin', function (event) {
    var row = event.target.closest && event.target.closest(ROW);
    if (row && row.scrollWidth > row.clientWidth) {
      reveal(row, event.target);
    }
  });
  document.addEventListener('scroll', function (event) {
    var row = event.target;
    if (row.matches && row.matches(ROW)) {
      row.classList.toggle('is-scrolled', row.scrollLeft > 0);
    }
  }, true);

  document.addEventListener('DOMContentLoaded', function () {
    showCurrent(document);
    enhance(document);
    syncPermanent(document);
    syncChoices(document);
    openDialogs(document);
    clearSharedSelection(document);
    syncSelection();
    // Last: the steps above move fields (the calendar button's wrapper) and disable them.
    focusAnswer();
  });
  document.addEventListener('htmx:load', function (event) {
    showCurrent(event.target);
    enhance(event.target);
    syncPermanent(event.target);
    syncChoices(event.target);
    openDialogs(event.target);
    clearSharedSelection(event.target);
    syncSelection();
  });
  document.addEventListener('close', function (event) {
    if (event.target.matches && event.target.matches('dialog[data-open]')) {
      event.target.remove();
      returnFocus();
    }
  }, true);
  // Tabs that htmx switches in place: the chosen tab becomes the current one.
  var tabSwitch = false;
  document.addEventListener('htmx:beforeRequest', function (event) {
    var link = event.detail.elt;
    tabSwitch = !!(link && link.matches && link.matches('nav.tabs a[hx-get]'));
    if (tabSwitch) {
      link.closest('nav.tabs').querySelectorAll('a[aria-current]').forEach(function (a) {
        a.removeAttribute('aria-current');
      });
      link.setAttribute('aria-current', 'page');
    }
  });
  // After a tab switch the new panel's heading takes the focus: keyboard and screen reader users
  // land at the start of what they asked for, its primary action a Tab or two away.
  document.addEventListener('htmx:afterSettle', function (event) {
    var area = event.target;
    if (area && area.id === 'tab-area' && tabSwitch) {
      tabSwitch = false;
      var heading = area.querySelector('#tab-panel .panel-heading');
      if (heading) {
        heading.focus({ preventScroll: false });
      }
    }
  });
  // A swapped-in section that replaced the focused control takes the focus, so keyboard users stay in place.
  document.addEventListener('htmx:afterSettle', function (event) {
    var el = event.target;
    var active = document.activeElement;
    if (!el || !el.getAttribute || (active && active !== document.body)) {
      return;
    }
    var section = el.getAttribute('tabindex') === '-1' ? el : el.querySelector('[tabindex="-1"]');
    if (section) {
      section.focus({ preventScroll: true });
    }
  });
  // A field's error is about what was sent: once the field is changed, it no longer applies.
  document.addEventListener('input', function (event) {
    var field = event.target.closest && event.target.closest('.field.has-error, fieldset.has-error');
    if (!field) {
      return;
    }
    field.classList.remove('has-error');
    field.querySelectorAll('[aria-invalid="true"]').forEach(function (control) {
      control.removeAttribute('aria-invalid');
    });
    field.querySelectorAll('.field-error').forEach(function (error) {
      error.hidden = true;
    });
  });
  // A request htmx could not complete is never silent: the reason shows in the page (inside an
  // open dialog, or at the top of the main area) and is announced. The server's answer (an error
  // page or a problem detail) says what went wrong.
  function showRequestError(message) {
    var dialog = document.querySelector('dialog[open]');
    var box = dialog && dialog.querySelector('.request-error');
    if (dialog && !box) {
      box = document.createElement('div');
      box.className = 'flash flash-error request-error';
      box.setAttribute('role', 'alert');
      var body = dialog.querySelector('.modal-body') || dialog;
      body.insertBefore(box, body.firstChild);
    }
    if (!box) {
      box = document.getElementById('request-error');
    }
    if (!box) {
      box = document.createElement('div');
      box.id = 'request-error';
      box.className = 'flash flash-error';
      box.setAttribute('role', 'alert');
      box.tabIndex = -1;
      var main = document.getElementById('main') || document.body;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = message;
    if (!dialog) {
      box.focus({ preventScroll: false });
    }
    announce(message);
  }

  function errorText(xhr) {
    var type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('json') >= 0) {
      try {
        return JSON.parse(xhr.responseText).detail || null;
      } catch (e) {
        return null;
      }
    }
    var page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
    var heading = page.querySelector('.error-page h1');
    var reason = page.querySelector('.error-page h1 + p');
    if (!heading) {
      return null;
    }
    return heading.textContent.trim() + (reason ? ': ' + reason.textContent.trim() : '');
  }

  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    showRequestError(errorText(xhr)
      || format(text('requestFailed'), xhr.status + (xhr.statusText ? ' ' + xhr.statusText : '')));
  });
  ['htmx:sendError', 'htmx:timeout'].forEach(function (name) {
    document.addEventListener(name, function () {
      showRequestError(text('offline'));
    });
  });
  document.addEventListener('htmx:beforeRequest', function () {
    document.querySelectorAll('#request-error, .request-error').forEach(function (box) {
      box.remove();
    });
  });

  // A form that htmx sends shows that it is on its way: its submit button is busy (a spinner) until
  // the answer comes. (A second click meanwhile sends nothing: htmx drops it.)
  function busy(event, on) {
    var elt = event.detail.elt;
    var config = event.detail.requestConfig;
    if (elt.tagName !== 'FORM' || (config && config.verb === 'get')) {
      return;
    }
    elt.querySelectorAll('button[type="submit"]').forEach(function (button) {
      if (on) {
        button.setAttribute('aria-busy', 'true');
      } else {
        button.removeAttribute('aria-busy');
      }
    });
  }
  document.addEventListener('htmx:beforeRequest', function (event) { busy(event, true); });
  document.addEventListener('htmx:afterRequest', function (event) { busy(event, false); });

  // A confirmation before destructive actions (hx-confirm covers htmx; this covers plain forms).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.confirm && !form.hasAttribute('hx-post') && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
