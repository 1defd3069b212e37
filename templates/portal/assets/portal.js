// Progressive help only: every page works without it (forms post and pages reload).
(function () {
  'use strict';

  function csrfOf(form) {
    var field = form.querySelector('input[name=_csrf]');
    if (field) return field.value;
    var match = /[?&]_csrf=([^&]+)/.exec(form.getAttribute('action') || '');
    return match ? decodeURIComponent(match[1]) : '';
  }

  // the upload's action carries the token for browsers without this script; with it, the header carries it and
  // the address posted to (which the browser may keep in its history) carries none
  function withoutToken(action) {
    return action.replace(/([?&])_csrf=[^&#]*(&?)/, function (all, sep, more) { return more ? sep : ''; });
  }

  // a form that came back with mistakes: bring the reader (and a screen reader's focus) to the summary
  function focusErrors() {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }

  // the self-assessment saves itself a few seconds after the candidate stops typing: one request at a time, at
  // most one every 5 seconds, and none while nothing changed (it never reaches the case's process)
  function autosave(form) {
    var status = form.querySelector('[data-autosave-status]');
    var timer = null;
    var saving = false;
    var dirty = false;
    var last = 0;
    function save() {
      if (saving || !dirty) return;
      var wait = 5000 - (Date.now() - last);
      if (wait > 0) { timer = setTimeout(save, wait); return; }
      saving = true; dirty = false; last = Date.now();
      if (status) status.textContent = status.getAttribute('data-saving') || '…';
      fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { 'X-Requested-With': 'fetch' }, credentials: 'same-origin' })
        .then(function (res) {
          // a mistake or a refusal: the full form shows it
          if (res.status !== 204) { form.submit(); return; }
          if (status) status.textContent = status.getAttribute('data-saved') || '✓';
        })
        .catch(function () { dirty = true; })
        .then(function () { saving = false; });
    }
    form.addEventListener('input', function () {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, 2000);
    });
  }

  // an upload shows its progress, and a file can be dropped on its zone
  function upload(form) {
    var input = form.querySelector('input[type=file]');
    var bar = form.querySelector('[data-upload-progress]');
    var zone = form.querySelector('[data-drop-zone]');
    if (zone && input) {
      ['dragenter', 'dragover'].forEach(function (type) {
        zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('drop-over'); });
      });
      ['dragleave', 'drop'].forEach(function (type) {
        zone.addEventListener(type, function () { zone.classList.remove('drop-over'); });
      });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
      });
    }
    form.addEventListener('submit', function (e) {
      if (!window.XMLHttpRequest || !bar) return;
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', withoutToken(form.action));
      xhr.setRequestHeader('X-CSRF-Token', csrfOf(form));
      bar.hidden = false;
      xhr.upload.addEventListener('progress', function (p) {
        if (p.lengthComputable) bar.value = Math.round((p.loaded / p.total) * 100);
      });
      xhr.addEventListener('load', function () {
        // accepted: the page it leads to (the case, with its notice)
        if (xhr.status < 400 && xhr.responseURL) { window.location.assign(xhr.responseURL); return; }
        // refused: the same page with the reason, as the browser would have shown it
        document.open();
        document.write(xhr.responseText);
        document.close();
        if (xhr.responseURL) history.replaceState(null, '', xhr.responseURL);
      });
      xhr.addEventListener('error', function () { form.submit(); });
      xhr.send(new FormData(form));
    });
  }

  // a case page whose status may change on its own (an assessor, the process) refreshes its status panel
  function liveStatus(panel) {
    var url = panel.getAttribute('data-live-status');
    setInterval(function () {
      if (document.hidden || document.querySelector('form.dirty')) return;
      fetch(url, { credentials: 'same-origin' }).then(function (res) { return res.ok ? res.text() : null; }).then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live-status]');
        if (next && next.innerHTML !== panel.innerHTML) panel.innerHTML = next.innerHTML;
      }).catch(function () {});
    }, 30000);
  }

  // sign-up takes the browser's time zone, so the new account's dates are in it (the server ignores a zone it does not know)
  function browserTimeZone(field) {
    field.value = (window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone) || '';
  }

  document.addEventListener('DOMContentLoaded', function () {
    focusErrors();
    Array.prototype.forEach.call(document.querySelectorAll('input[data-browser-time-zone]'), browserTimeZone);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-autosave]'), autosave);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), upload);
    Array.prototype.forEach.call(document.querySelectorAll('[data-live-status]'), liveStatus);
  });
})();
