// Requests for information: the page's messages are opened, and what the analyst writes is sealed, at the agency's
// desk, with the analyst's own token; only envelopes go to the exchange. Text is shown with textContent, never as HTML.
(function () {
  'use strict';
  const main = document.getElementById('main');
  const desk = main.dataset.desk;

  async function token() {
    const headers = {};
    headers[main.dataset.csrfHeader] = main.dataset.csrf;
    const response = await fetch(main.dataset.tokenUrl, {method: 'POST', headers: headers, credentials: 'same-origin'});
    if (!response.ok) {
      throw new Error('session ' + response.status);
    }
    return (await response.json()).token;
  }

  async function callDesk(operation, body) {
    const response = await fetch(desk.replace(/\/+$/, '') + '/' + operation, {
      method: 'POST',
      headers: {'Authorization': 'Bearer ' + await token(), 'Content-Type': 'application/json'},
      body: JSON.stringify(body)
    });
    const answer = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      throw new Error(answer.detail || ('desk ' + response.status));
    }
    return answer;
  }

  function uuid() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, function (x) { return x.toString(16).padStart(2, '0'); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  async function openThread() {
    for (const message of document.querySelectorAll('#thread .message')) {
      const text = message.querySelector('.text');
      if (!desk) {
        text.textContent = main.dataset.unreadable;
        text.classList.add('unreadable');
        continue;
      }
      try {
        const opened = await callDesk('open', {
          requestId: message.dataset.request, step: message.dataset.step,
          fromAgency: message.dataset.from, envelope: message.dataset.envelope
        });
        text.textContent = opened.text;
        text.classList.add('opened');
      } catch (e) {
        text.textContent = main.dataset.unreadable + ' (' + e.message + ')';
        text.classList.add('unreadable');
      }
    }
  }

  function sealOnSubmit(form) {
    form.addEventListener('submit', async function (event) {
      if (form.dataset.sealed === 'yes') {
        return;
      }
      event.preventDefault();
      const error = form.querySelector('.error');
      error.hidden = true;
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const id = form.dataset.request || form.elements.id.value || (form.elements.id.value = uuid());
        const step = form.elements.step ? form.elements.step.value : 'REQUEST';
        const local = document.getElementById('deadline-local');
        if (local && form.elements.urgency && form.elements.urgency.value === 'URGENT') {
          const deadline = new Date(local.value);
          if (!local.value || isNaN(deadline.getTime())) {
            throw new Error(local.dataset.invalid);
          }
          form.elements.deadline.value = deadline.toISOString();
        }
        const sealed = await callDesk('seal', {
          requestId: id, step: step, otherAgency: form.dataset.other,
          text: form.querySelector('textarea').value, recipients: JSON.parse(form.dataset.recipients)
        });
        form.elements.envelope.value = sealed.envelope;
        form.dataset.sealed = 'yes';
        form.submit();
      } catch (e) {
        error.textContent = main.dataset.sealing + ' ' + e.message;
        error.hidden = false;
        button.disabled = false;
      }
    });
  }

  // Live updates: a request of the agency moved. The list reloads; a request's page reloads when it is this request's
  // newer version, unless the analyst is writing (then it says so, and a link reloads).
  function follow() {
    if (!main.dataset.streamUrl || !window.EventSource) {
      return;
    }
    const events = new EventSource(main.dataset.streamUrl);
    events.addEventListener('request', function (event) {
      const moved = JSON.parse(event.data);
      if (!main.dataset.request) {
        window.location.reload();
        return;
      }
      if (moved.id !== main.dataset.request || moved.version <= Number(main.dataset.version)) {
        return;
      }
      const writing = document.querySelector('form.seal textarea');
      if ((writing && writing.value.trim() !== '') || document.querySelector('form.seal[data-sealed=yes]')) {
        document.getElementById('request-updated').hidden = false;
        return;
      }
      events.close();
      window.location.assign(window.location.pathname);
    });
  }

  document.querySelectorAll('form.seal').forEach(sealOnSubmit);
  openThread();
  follow();
})();
