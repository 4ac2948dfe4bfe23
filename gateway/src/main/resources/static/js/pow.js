// The whistle-blowing form's proof of work (hashcash): find a nonce such that SHA-256(challenge ":" nonce) starts with
// the number of zero bits the form asks for (data-pow), then send the form. Nothing leaves the browser but the form.
(function () {
  'use strict';

  function zeroBits(hash, bits) {
    var i = 0;
    for (; bits >= 8; bits -= 8, i++) {
      if (hash[i] !== 0) {
        return false;
      }
    }
    return bits === 0 || (hash[i] >> (8 - bits)) === 0;
  }

  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var n = 0; ; n++) {
      var hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + n)));
      if (zeroBits(hash, bits)) {
        return String(n);
      }
    }
  }

  document.querySelectorAll('form[data-pow]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.solved === 'true' || !form.reportValidity()) {
        return;
      }
      event.preventDefault();
      var status = form.querySelector('.pow-status');
      if (status) {
        status.hidden = false;
      }
      form.querySelector('button[type=submit]').disabled = true;
      var button = form.querySelector('button[type=submit]');
      solve(form.elements.challenge.value, parseInt(form.dataset.pow, 10)).then(function (nonce) {
        form.elements.nonce.value = nonce;
        form.dataset.solved = 'true';
        form.submit();
      }).catch(function () {
        // No Web Crypto here (a page not served over HTTPS): say so rather than wait for ever.
        if (status) {
          status.textContent = form.dataset.powFailed || 'This browser cannot prepare the sending here.';
        }
        button.disabled = false;
      });
    });
  });
})();
