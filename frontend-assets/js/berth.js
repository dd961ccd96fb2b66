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

  // Copy buttons appear only when they can work.
  function enhance(root) {
    root.querySelectorAll('button.copy[hidden]').forEach(function (button) { button.hidden = false; });
    root.querySelectorAll('[data-count]').forEach(function (field) { updateCount(field); });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.copy');
    if (!button) {
      return;
    }
    var source = document.getElementById(button.dataset.copyTarget);
    if (!source) {
      return;
    }
    var label = button.querySelector('span') || button;
    copyText(source.textContent.trim()).then(function () {
      button.classList.add('copied');
      label.textContent = text('copied');
      announce(format(text('copiedAnnounce'), source.textContent.trim()));
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
    if (!event.detail.elt.closest('dialog')) {
      opener = event.detail.elt;
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
      var date = box.closest('fieldset, form').querySelector('input[type="date"]');
      if (date) {
        date.disabled = box.checked;
      }
    });
  }

  document.addEventListener('change', function (event) {
    if (event.target.matches('input#permanent')) {
      syncPermanent(event.target.closest('form') || document);
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

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    syncPermanent(document);
    openDialogs(document);
  });
  document.addEventListener('htmx:load', function (event) {
    enhance(event.target);
    syncPermanent(event.target);
    openDialogs(event.target);
  });
  document.addEventListener('close', function (event) {
    if (event.target.matches && event.target.matches('dialog[data-open]')) {
      event.target.remove();
      returnFocus();
    }
  }, true);
  // Tabs that htmx switches in place: the chosen tab becomes the current one.
  document.addEventListener('htmx:beforeRequest', function (event) {
    var link = event.detail.elt;
    if (link && link.matches && link.matches('nav.tabs a[hx-get]')) {
      link.closest('nav.tabs').querySelectorAll('a[aria-current]').forEach(function (a) {
        a.removeAttribute('aria-current');
      });
      link.setAttribute('aria-current', 'page');
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

  // A confirmation before destructive actions (hx-confirm covers htmx; this covers plain forms).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.confirm && !form.hasAttribute('hx-post') && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
